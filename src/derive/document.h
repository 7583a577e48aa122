/* The disclosure of a department as a document: the format's parts with
 * their paragraph templates filled in, and the derived tables. */
#ifndef BG_DERIVE_DOCUMENT_H
#define BG_DERIVE_DOCUMENT_H

#include "model/department.h"
#include "model/document.h"

bg_doc *bg_derive_document(const bg_department *d, const bg_format *f);

#endif
