/* The unit types by name. */
#include "model/unit_type.h"

#include <string.h>

const char *const bg_unit_type_names[BG_UNIT_TYPES] = {"行政", "事业", "参公"};

bool bg_unit_type_parse(const char *name, bg_unit_type *out)
{
    for (int t = 0; t < BG_UNIT_TYPES; t++)
        if (name && strcmp(name, bg_unit_type_names[t]) == 0) {
            *out = (bg_unit_type)t;
            return true;
        }
    return false;
}
