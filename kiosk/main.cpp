#include "kiosk/cli.hpp"

#include <sys/stat.h>

int main(int argc, char** argv) {
    umask(077); // every file and folder the kiosk makes is its own only (docs/security.md)
    return kiosk::Main(argc, argv);
}
