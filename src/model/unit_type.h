/* The types of budget units (单位性质): the one list that the department
 * loader, the import, the formats' filters and the input workbook's
 * drop-down read. */
#ifndef BG_UNIT_TYPE_H
#define BG_UNIT_TYPE_H

#include <stdbool.h>

typedef enum { BG_UNIT_ADMIN, BG_UNIT_INSTITUTION, BG_UNIT_ADMIN_LIKE, BG_UNIT_TYPES } bg_unit_type;

/* The names of the unit types as files write them (行政, 事业, 参公), in
 * the order of bg_unit_type: the one list the loaders, the import, the
 * formats' filters and the input workbook's drop-down read. */
extern const char *const bg_unit_type_names[BG_UNIT_TYPES];
#define BG_UNIT_TYPES_TEXT "“行政”“事业”或“参公”"

/* The type named `name`; false when it names none. */
bool bg_unit_type_parse(const char *name, bg_unit_type *out);

#endif
