/* A compact, read-only tree of a YAML or JSON document, with the place of
 * every node. Built from libfyaml's events rather than its document API: a
 * department of 100,000 line items takes a tenth of the memory. */
#ifndef BG_TREE_H
#define BG_TREE_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/diag.h"

typedef enum { BG_NODE_SCALAR, BG_NODE_MAP, BG_NODE_SEQ } bg_node_type;

/* How a scalar was written: plain text may be a number, true, or null. */
typedef enum { BG_STYLE_PLAIN, BG_STYLE_QUOTED, BG_STYLE_BLOCK } bg_node_style;

typedef struct bg_node bg_node;
struct bg_node {
    uint8_t type;   /* bg_node_type */
    uint8_t style;  /* bg_node_style, scalars */
    bool null;      /* a value left empty (`key:`) */
    uint32_t line, column; /* 1-based, in characters; a quoted scalar at its quote */
    uint32_t len;   /* scalar bytes; sequence items; mapping pairs */
    union {
        const char *text;   /* scalars: NUL-terminated */
        bg_node **children; /* sequences: items; mappings: key, value, key, value … */
    };
};

typedef struct bg_tree bg_tree;

/* Parses `text` (UTF-8) as YAML, or JSON when `json`. Anchors and aliases are
 * resolved; a mapping with a repeated key is an error. Every error goes to
 * `diag` under the name `file`; returns NULL if there was any. */
bg_tree *bg_tree_parse(const char *file, const char *text, size_t len, bool json,
                       bg_diag *diag);
void bg_tree_free(bg_tree *t); /* accepts NULL */

const bg_node *bg_tree_root(const bg_tree *t);

/* The value under `key` in a mapping, or NULL when absent (a key written
 * with no value gives a null scalar, not NULL). */
const bg_node *bg_node_lookup(const bg_node *map, const char *key);

static inline const bg_node *bg_node_key(const bg_node *map, uint32_t i)
{
    return map->children[2 * i];
}

static inline const bg_node *bg_node_value(const bg_node *map, uint32_t i)
{
    return map->children[2 * i + 1];
}

#endif
