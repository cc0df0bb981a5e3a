/* The sanitizer session's positive control: two bugs the sanitizers must report.
 *
 * Built with the compiled core's flags and called through ctypes, in a process
 * set up as the session sets up the test run, it shows that the recipe (the
 * runtime preloaded, PYTHONMALLOC=malloc) makes a report appear.  Not part of
 * scmpfeeds.
 */
#include <limits.h>
#include <stdlib.h>

/* Out of line, so that only AddressSanitizer can know the buffer's size. */
__attribute__((noinline)) static void poke(char *buffer, int index) {
    buffer[index] = 1;
}

int overflow_heap(int index) {
    char *buffer = malloc(8);
    poke(buffer, index); /* index 8: one past the end */
    free(buffer);
    return 0;
}

int overflow_int(int value) {
    return value + INT_MAX; /* signed overflow for value > 0 */
}
