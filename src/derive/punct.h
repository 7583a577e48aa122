/* Half-width punctuation in Chinese text made full-width, as GB/T 15834
 * writes it: the , ; : ( ) that input copied from other software carries
 * between Chinese characters. */
#ifndef BG_PUNCT_H
#define BG_PUNCT_H

#include "model/table.h"

/* `s` with , ; : ? ! next to a Chinese character as ，；：？！ (not between
 * two digits: 1,000 and 10:30 stay), and a pair of ( ) as （ ） where
 * either side of it or its content is Chinese, or it numbers a Chinese
 * text ((1) …); the ASCII spaces after what became full-width are dropped.
 * Caller frees. */
char *bg_punct_full_width(const char *s);

/* The same, in place, for every text of a table but its amounts. */
void bg_punct_table(bg_table *t);

#endif
