// The kiosk's log: stderr, and DATA/kiosk.log once the data folder is known.
#pragma once
#include <string>

namespace kiosk {

void SetLogFile(const std::string& path);
void Log(const std::string& message); // one line, with a UTC timestamp

} // namespace kiosk
