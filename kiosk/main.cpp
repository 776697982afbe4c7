#include "kiosk/cli.hpp"

int main(int argc, char** argv) { return kiosk::Main(argc, argv); }
