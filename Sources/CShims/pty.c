#define _GNU_SOURCE
#include "CShims.h"
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int wakesmith_open_pseudo_terminal(char *slave_name, size_t length) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return -1;
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, slave_name, length) != 0) {
        close(master);
        return -1;
    }
    return master;
}
