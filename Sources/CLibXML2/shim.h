#ifndef EARSHOT_CLIBXML2_SHIM_H
#define EARSHOT_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* libxml2's encoding.h pulls in the system ICU headers when LIBXML_ICU_ENABLED is set, and their
   UErrorCode clashes with Foundation's own _FoundationICU on Linux. Earshot never touches the ICU
   members of xmlCharEncodingHandler, so the ICU part of the headers is left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#endif
