#include "CShims.h"
#include <alsa/asoundlib.h>

static void silent_handler(const char *file, int line, const char *function, int err, const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

void wakesmith_alsa_silence_errors(void) { snd_lib_error_set_handler(silent_handler); }

void wakesmith_alsa_restore_errors(void) { snd_lib_error_set_handler(NULL); }
