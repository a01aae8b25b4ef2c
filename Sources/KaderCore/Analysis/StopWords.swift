import Foundation

/// Stop words for word frequencies: common Dutch (including Flemish speech fillers) and English
/// function words, folded (lowercase, no accents).
public enum StopWords {
    public static let dutch: Set<String> = Set(
        """
        aan al alle alles als altijd ander andere anders ben bij bijvoorbeeld binnen daar daarna daarom daarvan dan dat de den der deze die dit
        doch doen door dus echt een eens eigenlijk en er ergens gaan gaat geen gehad geweest gewoon goed had hadden heb hebben hebt heeft hem
        hen het hier hij hoe hun iemand iets ik in is ja je jij jou jouw juist kan kon kunnen kunt maar me meer men met mij mijn moet moeten
        mocht na naar niet niets nog nu of om omdat ons onze ook op over pas precies reeds sommige toch toen tot tussen u uit uw van veel voor
        vooral waar waren was wat we wel welke werd werden wie wij wil wilde worden wordt zal ze zei zelf zich zij zijn zo zoals zou zouden
        zullen zo'n da dat's da's allez hé he euh eh uh ah oh ok oké zo ne nen z'n m'n d'r t 't s 'n ge gij jullie hun hunne mekaar elkaar
        te wa nie ni lacht lachen onverstaanbaar stilte iedereen
        weer zeker wellicht misschien even heel erg best nogal beetje echt zelfs toch eerst dan nou nee neen neen jaja awel
        """.split(whereSeparator: { $0.isWhitespace }).map { TextSearch.fold(String($0)) })

    public static let english: Set<String> = Set(
        """
        a about above after again against all am an and any are as at be because been before being below between both but by can could did
        do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is
        it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should
        so some such than that the their theirs them themselves then there these they this those through to too under until up very was we
        were what when where which while who whom why will with would you your yours yourself yourselves yeah yes um uh like well really
        """.split(whereSeparator: { $0.isWhitespace }).map { String($0) })

    public static let all: Set<String> = dutch.union(english)
}
