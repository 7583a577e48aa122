/* The disclosure of a department as a document: the format's parts with
 * their templates filled in, and the derived tables. */
#ifndef BG_DERIVE_DOCUMENT_H
#define BG_DERIVE_DOCUMENT_H

#include "derive/derive.h"
#include "model/document.h"

/* The document of what `x` derived. Its tables move into the document:
 * x->tables is left empty and x->eval reads them there, so the document
 * must outlive the evaluator's use. */
bg_doc *bg_derive_document(bg_derived *x);

#endif
