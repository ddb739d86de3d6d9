// Small C helpers for what Swift cannot call directly (variadic C callbacks).
#ifndef WAKESMITH_CSHIMS_H
#define WAKESMITH_CSHIMS_H

/// Routes ALSA's library error messages to a handler that drops them, so a missing sound card is reported
/// once by wakesmith instead of as a page of "ALSA lib ..." lines. `snd_lib_error_set_handler` takes a
/// variadic function type, which Swift cannot provide.
void wakesmith_alsa_silence_errors(void);

/// Restores ALSA's default error output.
void wakesmith_alsa_restore_errors(void);

#include <stddef.h>

/// Opens a pseudo-terminal master (posix_openpt, grantpt, unlockpt) and writes its slave's path into
/// `slave_name`; returns the master descriptor, or -1 with errno set. Glibc keeps these behind
/// _GNU_SOURCE, which Swift's Glibc module does not define.
int wakesmith_open_pseudo_terminal(char *slave_name, size_t length);

#endif
