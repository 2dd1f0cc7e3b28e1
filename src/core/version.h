/* version.h — the program's version, for --version and for what a file it
 * writes says made it (a 党内统计 pack). */
#ifndef DJ_VERSION_H
#define DJ_VERSION_H

#define DJ_VERSION "0.1.0"

#endif
