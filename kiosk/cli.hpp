// The command line of `wijkstem` (DESIGN.md): the kiosk itself and its commands.
#pragma once

namespace kiosk {

int Main(int argc, char** argv);

} // namespace kiosk
