import Foundation
import Testing

@testable import KaderCore

@Suite("Loading: TEI")
struct LoadingTEIFormatTests {
    static let tei = """
        <?xml version="1.0" encoding="UTF-8"?>
        <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Commissie</title></titleStmt></fileDesc></teiHeader>
        <text><body><div>
          <note type="editorial">De vergadering begint om 10.14 uur.</note>
          <note type="speaker">01.01 An Peeters (PARTIJ):</note>
          <u who="#PeetersAn" ana="#regular">
            <seg>Mijnheer de voorzitter,
               ik heb een vraag.</seg>
            <seg>Wat is de stand van zaken?</seg>
          </u>
          <note type="speaker">De voorzitter:</note>
          <u who="#VoorzitterJan" ana="#chair"><seg>Dank u.</seg></u>
          <u who="#ZonderNoot"><seg>Geen notitie &amp; toch tekst.</seg></u>
        </div></body></text></TEI>
        """

    @Test func utterancesWithSpeakerNotes() throws {
        let doc = try LoadingSupport.load(Self.tei, format: .tei)
        #expect(doc.segments.map(\.speaker) == ["An Peeters", "De voorzitter", "ZonderNoot"])
        #expect(doc.segments[0].text == "Mijnheer de voorzitter, ik heb een vraag.\nWat is de stand van zaken?")
        #expect(doc.segments[1].role == "chair" && doc.segments[1].codable == false)
        #expect(doc.segments[2].text == "Geen notitie & toch tekst.")
        #expect(doc.metadata.title == "Commissie")
        #expect(doc.text.hasPrefix("01.01 An Peeters (PARTIJ): Mijnheer"))
        LoadingSupport.checkInvariants(doc)
    }

    @Test func malformedAndNonTEIAndEntities() {
        let bad = [
            "<TEI><text><u>kapot", "<html><body>x</body></html>",
            "<?xml version=\"1.0\"?><!DOCTYPE TEI [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><TEI><text><u>&b;</u></text></TEI>",
            // Inputs that crashed FoundationXML on Linux (found by the fuzz test).
            "<?xml?><TEI><text/></TEI>", "<?xml version=\"1.0\" encoding=H\nUTF-8\"?><TEI><t\u{FFFD}xt/></TEI>",
        ]
        for xml in bad {
            #expect(throws: LoaderError.self) { try LoadingSupport.load(xml, format: .tei) }
        }
        // Processing instructions without data are well-formed XML: read, with nothing to code.
        for xml in ["<?x?><TEI><text/></TEI>", "<TEI><?pi?><text/></TEI>"] {
            let doc = try? LoadingSupport.load(xml, format: .tei)
            #expect(doc?.segments.isEmpty == true)
        }
    }
}
