#include "model/format.h"

#include <string.h>

static const char *const key_names[BG_KEY_COUNT] = {
    [BG_KEY_LABEL] = "label",          [BG_KEY_NAME] = "name",
    [BG_KEY_FUNC_CLASS] = "func_class", [BG_KEY_FUNC_KIND] = "func_kind",
    [BG_KEY_FUNC_ITEM] = "func_item",  [BG_KEY_UNIT_CODE] = "unit_code",
    [BG_KEY_UNIT_NAME] = "unit_name",  [BG_KEY_DEPT_CODE] = "dept_code",
    [BG_KEY_DEPT_CLASS] = "dept_class", [BG_KEY_DEPT_KIND] = "dept_kind",
    [BG_KEY_DEPT_NAME] = "dept_name",  [BG_KEY_GOV_CODE] = "gov_code",
    [BG_KEY_GOV_CLASS] = "gov_class",  [BG_KEY_GOV_KIND] = "gov_kind",
    [BG_KEY_GOV_NAME] = "gov_name",    [BG_KEY_PROJECT_CODE] = "project_code",
    [BG_KEY_PROJECT_NAME] = "project_name", [BG_KEY_CATEGORY] = "category",
    [BG_KEY_PROC_ITEM] = "proc_item",  [BG_KEY_PROC_CATALOG] = "proc_catalog",
    [BG_KEY_PROC_SPEC] = "proc_spec",  [BG_KEY_PROC_MEASURE] = "proc_measure",
    [BG_KEY_PROC_QUANTITY] = "proc_quantity", [BG_KEY_GROUP] = "group",
};

int bg_key_from_name(const char *name)
{
    for (int k = 0; k < BG_KEY_COUNT; k++)
        if (strcmp(key_names[k], name) == 0)
            return k;
    return -1;
}

void bg_filter_clear(bg_filter *f)
{
    GArray **lists[] = {&f->econ_class, &f->dept_econ, &f->gov_class, &f->gov_econ,
                        &f->function_class};
    for (size_t i = 0; i < G_N_ELEMENTS(lists); i++)
        if (*lists[i]) {
            g_array_free(*lists[i], TRUE);
            *lists[i] = NULL;
        }
}

static void column_free(gpointer p)
{
    bg_column *c = p;
    g_free(c->title);
    bg_filter_clear(&c->sum);
    if (c->children)
        g_ptr_array_free(c->children, TRUE);
    g_free(c);
}

static void fixed_row_free(gpointer p)
{
    bg_fixed_row *r = p;
    g_free(r->label);
    bg_filter_clear(&r->sum);
    g_free(r);
}

static void rows_free(gpointer p)
{
    bg_rows *r = p;
    g_free(r->label);
    g_free(r->group);
    g_free(r->name);
    bg_filter_clear(&r->filter);
    if (r->fixed)
        g_ptr_array_free(r->fixed, TRUE);
    g_free(r);
}

static void block_free(gpointer p)
{
    bg_block *b = p;
    g_ptr_array_free(b->columns, TRUE);
    g_ptr_array_free(b->rows, TRUE);
    g_ptr_array_free(b->footer, TRUE);
    g_free(b);
}

static void fcell_free(gpointer p)
{
    bg_fcell *c = p;
    g_free(c->text);
    bg_filter_clear(&c->sum);
    g_free(c);
}

static void frow_free(gpointer p)
{
    bg_frow *r = p;
    if (r->cells)
        g_ptr_array_free(r->cells, TRUE);
    if (r->header)
        g_ptr_array_free(r->header, TRUE);
    if (r->leaf)
        g_ptr_array_free(r->leaf, TRUE);
    if (r->groups)
        g_ptr_array_free(r->groups, TRUE);
    g_free(r->label);
    g_free(r->source);
    g_free(r);
}

GPtrArray *bg_format_fcells_new(void)
{
    return g_ptr_array_new_with_free_func(fcell_free);
}

GPtrArray *bg_format_frows_new(void)
{
    return g_ptr_array_new_with_free_func(frow_free);
}

void bg_form_free(bg_form *f)
{
    if (f)
        bg_filter_clear(&f->projects);
    if (!f)
        return;
    g_free(f->subtitle);
    g_free(f->money_unit);
    if (f->rows)
        g_ptr_array_free(f->rows, TRUE);
    g_free(f);
}

static void table_def_free(gpointer p)
{
    bg_table_def *t = p;
    bg_form_free(t->form);
    g_free(t->id);
    g_free(t->number);
    g_free(t->title);
    g_free(t->unit_line);
    g_free(t->empty_remark);
    g_free(t->column_numbers);
    g_free(t->unit_left);
    g_free(t->corner);
    g_free(t->empty_reason);
    bg_filter_clear(&t->filter);
    g_ptr_array_free(t->blocks, TRUE);
    g_ptr_array_free(t->notes, TRUE);
    g_free(t);
}

GPtrArray *bg_format_columns_new(void)
{
    return g_ptr_array_new_with_free_func(column_free);
}

GPtrArray *bg_format_fixed_rows_new(void)
{
    return g_ptr_array_new_with_free_func(fixed_row_free);
}

GPtrArray *bg_format_rows_new(void)
{
    return g_ptr_array_new_with_free_func(rows_free);
}

GPtrArray *bg_format_blocks_new(void)
{
    return g_ptr_array_new_with_free_func(block_free);
}

GPtrArray *bg_format_tables_new(void)
{
    return g_ptr_array_new_with_free_func(table_def_free);
}

static void para_free(gpointer p)
{
    bg_para *x = p;
    char **texts[] = {&x->text,  &x->list,  &x->item,      &x->sep,          &x->before,
                      &x->after, &x->empty, &x->when_zero, &x->when_nonzero, &x->numbering};
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
        g_free(*texts[i]);
    g_free(x);
}

GPtrArray *bg_format_paras_new(void)
{
    return g_ptr_array_new_with_free_func(para_free);
}

static void section_free(gpointer p)
{
    bg_section *s = p;
    g_free(s->heading);
    if (s->paragraphs)
        g_ptr_array_free(s->paragraphs, TRUE);
    g_free(s);
}

static void part_free(gpointer p)
{
    bg_part *pt = p;
    g_free(pt->title);
    if (pt->sections)
        g_ptr_array_free(pt->sections, TRUE);
    g_free(pt);
}

GPtrArray *bg_format_parts_new(void)
{
    return g_ptr_array_new_with_free_func(part_free);
}

GPtrArray *bg_format_sections_new(void)
{
    return g_ptr_array_new_with_free_func(section_free);
}

const char *const bg_list_kind_names[BG_LIST_KIND_COUNT] = {
    "function_classes", "function_kinds", "functions", "econ_classes", "dept_econ",
    "gov_classes",      "gov_econ",       "units",     "projects",     "procurement",
    "empty_tables"};

void bg_cell_ref_clear(bg_cell_ref *c)
{
    g_free(c->table);
    g_free(c->row);
    g_free(c->column);
    *c = (bg_cell_ref){0};
}

static void cell_ref_free(gpointer p)
{
    bg_cell_ref_clear(p);
    g_free(p);
}

static void figure_free(gpointer p)
{
    bg_figure_def *x = p;
    g_free(x->name);
    bg_filter_clear(&x->sum);
    bg_cell_ref_clear(&x->cell);
    g_free(x->list);
    g_free(x->show_unit);
    if (x->terms) {
        for (guint i = 0; i < x->terms->len; i++)
            g_free(g_array_index(x->terms, bg_term, i).name);
        g_array_free(x->terms, TRUE);
    }
    if (x->also)
        g_ptr_array_free(x->also, TRUE);
    g_free(x);
}

static void list_def_free(gpointer p)
{
    bg_list_def *x = p;
    g_free(x->name);
    bg_filter_clear(&x->sum);
    g_free(x);
}

static void phrase_free(gpointer p)
{
    bg_phrase *x = p;
    g_free(x->name);
    g_free(x->up);
    g_free(x->down);
    g_free(x->same);
    g_free(x->new_);
    g_free(x->nonzero);
    g_free(x->zero);
    g_free(x);
}

static void index_column_free(gpointer p)
{
    bg_index_column *c = p;
    g_free(c->title);
    g_free(c->figure);
    g_free(c);
}

GPtrArray *bg_format_index_new(void)
{
    return g_ptr_array_new_with_free_func(index_column_free);
}

static void site_free(gpointer p)
{
    bg_template_site *x = p;
    g_free(x->path);
    g_free(x);
}

GPtrArray *bg_format_figures_new(void)
{
    return g_ptr_array_new_with_free_func(figure_free);
}

GPtrArray *bg_format_lists_new(void)
{
    return g_ptr_array_new_with_free_func(list_def_free);
}

GPtrArray *bg_format_phrases_new(void)
{
    return g_ptr_array_new_with_free_func(phrase_free);
}

GPtrArray *bg_format_sites_new(void)
{
    return g_ptr_array_new_with_free_func(site_free);
}

GPtrArray *bg_format_cell_refs_new(void)
{
    return g_ptr_array_new_with_free_func(cell_ref_free);
}

const bg_figure_def *bg_format_figure(const bg_format *f, const char *name)
{
    return f->figure_index ? g_hash_table_lookup(f->figure_index, name) : NULL;
}

const bg_list_def *bg_format_list_def(const bg_format *f, const char *name)
{
    for (guint i = 0; f->lists && i < f->lists->len; i++)
        if (strcmp(((bg_list_def *)f->lists->pdata[i])->name, name) == 0)
            return f->lists->pdata[i];
    return NULL;
}

const bg_phrase *bg_format_phrase(const bg_format *f, const char *name)
{
    for (guint i = 0; f->phrases && i < f->phrases->len; i++)
        if (strcmp(((bg_phrase *)f->phrases->pdata[i])->name, name) == 0)
            return f->phrases->pdata[i];
    return NULL;
}

const bg_table_def *bg_format_table(const bg_format *f, const char *id)
{
    for (guint i = 0; f->tables && i < f->tables->len; i++) {
        const bg_table_def *t = f->tables->pdata[i];
        if (t->id && strcmp(t->id, id) == 0)
            return t;
    }
    return NULL;
}

void bg_format_free(bg_format *f)
{
    if (!f)
        return;
    g_free(f->doc_title);
    for (int r = 0; r < BG_ROLE_COUNT; r++)
        if (f->roles[r].families)
            g_ptr_array_unref(f->roles[r].families);
    g_free(f->numbers.text);
    if (f->numbers.font.families)
        g_ptr_array_unref(f->numbers.font.families);
    if (f->parts)
        g_ptr_array_free(f->parts, TRUE);
    g_free(f->dir);
    g_free(f->id);
    g_free(f->name);
    g_free(f->money_unit);
    g_free(f->zero);
    if (f->categories)
        g_ptr_array_free(f->categories, TRUE);
    if (f->tables)
        g_ptr_array_free(f->tables, TRUE);
    bg_filter_clear(&f->personnel);
    g_free(f->text_unit);
    g_free(f->file);
    if (f->figure_index)
        g_hash_table_destroy(f->figure_index);
    if (f->quoted)
        g_hash_table_destroy(f->quoted);
    GPtrArray *owned[] = {f->figures, f->lists, f->phrases, f->sites, f->index};
    for (size_t i = 0; i < G_N_ELEMENTS(owned); i++)
        if (owned[i])
            g_ptr_array_free(owned[i], TRUE);
    g_free(f);
}

int bg_format_category(const bg_format *f, const char *name)
{
    for (guint i = 0; f->categories && i < f->categories->len; i++)
        if (g_strcmp0(f->categories->pdata[i], name) == 0)
            return (int)i;
    return -1;
}

/* ---- cells of a table by their labels --------------------------------- */

/* Whether two labels read the same, spaces (ASCII and ideographic) aside:
 * formats space out short labels (合 计) for print. */
bool bg_label_equal(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ' || g_str_has_prefix(a, "\u3000"))
            a += *a == ' ' ? 1 : 3;
        while (*b == ' ' || g_str_has_prefix(b, "\u3000"))
            b += *b == ' ' ? 1 : 3;
        if (!*a || !*b)
            return !*a && !*b;
        if (*a++ != *b++)
            return false;
    }
}

typedef struct {
    char **want;   /* path segments asked for */
    int n_want;
    const char *stack[16];
    int depth;
    int leaf;      /* leaves seen so far: the table column */
    int found, matches;
} column_search;

static void search_column(column_search *s, const bg_column *c)
{
    if (s->depth < 16)
        s->stack[s->depth] = c->title;
    s->depth++;
    if (c->children) {
        for (guint i = 0; i < c->children->len; i++)
            search_column(s, c->children->pdata[i]);
    } else {
        bool match = c->key < 0 && s->depth <= 16 && s->n_want <= s->depth;
        for (int k = 0; match && k < s->n_want; k++)
            match = bg_label_equal(s->stack[s->depth - s->n_want + k], s->want[k]);
        if (match) {
            s->found = s->leaf;
            s->matches++;
        }
        s->leaf++;
    }
    s->depth--;
}

int bg_table_def_column_range(const bg_table_def *t, const char *path, int *matches,
                              int *first, int *end, int *block)
{
    column_search s = {.want = g_strsplit(path ? path : "", "/", -1), .found = -1};
    s.n_want = (int)g_strv_length(s.want);
    int block_first = 0, block_end = 0, block_index = -1;
    for (guint b = 0; t->blocks && b < t->blocks->len; b++) {
        const bg_block *blk = t->blocks->pdata[b];
        int start = s.leaf, before = s.matches;
        for (guint i = 0; i < blk->columns->len; i++)
            search_column(&s, blk->columns->pdata[i]);
        if (s.matches > before) {
            block_first = start;
            block_end = s.leaf;
            block_index = (int)b;
        }
    }
    g_strfreev(s.want);
    *matches = s.matches;
    if (first)
        *first = block_first;
    if (end)
        *end = block_end;
    if (block)
        *block = block_index;
    return s.matches == 1 ? s.found : -1;
}

static bool among_fixed(const GPtrArray *rows, const char *label)
{
    for (guint i = 0; rows && i < rows->len; i++)
        if (bg_label_equal(((bg_fixed_row *)rows->pdata[i])->label, label))
            return true;
    return false;
}

bool bg_table_def_has_row(const bg_table_def *t, int block, const char *label)
{
    if (!t->blocks || block < 0 || (guint)block >= t->blocks->len)
        return false;
    const bg_block *blk = t->blocks->pdata[block];
    if (!label) /* the block's first total row: a footer or a total row source */
        return blk->footer->len > 0 || (blk->rows->len > 0 &&
                                        ((bg_rows *)blk->rows->pdata[0])->kind == BG_ROWS_TOTAL);
    if (among_fixed(blk->footer, label))
        return true;
    for (guint i = 0; i < blk->rows->len; i++) {
        const bg_rows *r = blk->rows->pdata[i];
        if ((r->kind == BG_ROWS_TOTAL && r->label && bg_label_equal(r->label, label)) ||
            among_fixed(r->fixed, label))
            return true;
    }
    return false;
}
