#ifndef KADER_CLIBXML2_SHIM_H
#define KADER_CLIBXML2_SHIM_H

/* libxml2's push parser and SAX2 interface, the same system library FoundationXML links on Linux.
   Kader drives it directly so that documents are fed in chunks (no 10,000,000-byte single-chunk
   limit) and so that DTDs and entities are refused inside the parser. */
#include <libxml/xmlversion.h>
/* libxml2 built with ICU pulls the system's ICU headers into this module, which clash with
   Foundation's own ICU module; Kader never touches the ICU fields of encoding handlers. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/entities.h>

static inline unsigned int kader_xml_sax2_magic(void) { return XML_SAX2_MAGIC; }

#endif
