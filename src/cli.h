/* What the commands share: where the program's data is, the catalog and
 * formats read once (a session), a department file loaded, checked and
 * derived the way every command needs it, and errors and changes printed as
 * a finance officer reads them. Only the command line (main.c, cli.c,
 * render_cmd.c, watch.c) and batch.c print and choose exit codes. */
#ifndef BG_CLI_H
#define BG_CLI_H

#include <stdbool.h>

#include "derive/derive.h"
#include "derive/diff.h"
#include "input/formats.h"
#include "layout/fonts.h"
#include "model/catalog.h"
#include "model/diag.h"
#include "model/document.h"
#include "render/index.h"

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };

/* Every error of `diag`, sorted, one a line on stderr. */
void cli_print_errors(bg_diag *diag);

/* Where the program's data (templates/, fonts/) is: under $BUDGETGEN_HOME
 * when set, else beside the binary — an installed copy's
 * ../share/budgetgen/, or a checkout's build/../ — so that a moved clone or
 * an installed copy works without a path compiled in. Caller frees. */
char *cli_data_dir(const char *sub);

/* What every command reads besides the department files: the catalog and
 * the formats, each read once. */
typedef struct {
    bg_catalog *catalog;
    bg_formats *formats;
} cli_session;

/* Reads the catalog and opens the formats of `templates`; false after
 * printing why it could not be read. */
bool cli_session_open(cli_session *s, const char *templates);
void cli_session_close(cli_session *s);

/* A department file read, checked and derived. */
typedef struct {
    bg_department *d;
    const bg_format *f; /* owned by the session */
    bg_derived *x;
    bg_doc *doc;
    unsigned errors; /* found, when it failed */
} cli_loaded;

/* Loads and derives `file`. Whatever `check` would refuse is refused here
 * too, so that no command publishes a sentence with a hole: returns false
 * after printing every error, with the exit status in *status and the
 * count in out->errors. */
bool cli_load_derive(cli_session *s, const char *file, cli_loaded *out, int *status);
void cli_loaded_clear(cli_loaded *l);

/* False, after saying why, when SOURCE_DATE_EPOCH is set to what cannot
 * date the outputs. */
bool cli_check_source_date_epoch(void);

/* One change of a diff, as `diff` prints it. */
void cli_print_change(const bg_change *c);

/* A cell's or a line item's change on one line ("表格 …：a → b", "明细 …：
 * a → b 元"), as `diff` prints it. Caller frees. */
char *cli_change_line(const bg_change *c);

/* Writes the PDF and/or XLSX of `doc` into `outdir` as <code>-<year>.pdf
 * and .xlsx: both temporaries complete and on disk before either is
 * renamed. Prints each path written or the error (naming `file`); fills
 * the row's paths and page count; appends font warnings. Returns the exit
 * status. */
int cli_render_department(const bg_doc *doc, bg_fonts *fonts, const char *outdir, bool pdf,
                          bool xlsx, const char *file, GPtrArray *warnings, bg_index_row *row);

/* `render FILE|DIR...`, over `jobs` workers. */
int cmd_render(char **args, int n_args, const char *templates, const char *outdir, bool pdf,
               bool xlsx, int jobs);

#endif
