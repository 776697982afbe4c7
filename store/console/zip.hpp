// A folder as a zip file in memory (libzip, Debian's libzip-dev): the report folder as one
// download.
#pragma once
#include <string>

namespace console {

// Every file under dir, named PREFIX/relative/path in the zip. false with *error.
bool ZipFolder(const std::string& dir, const std::string& prefix, std::string* zip, std::string* error);

} // namespace console
