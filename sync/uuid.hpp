// UUIDs as 36-character lowercase strings.
#pragma once
#include <cstdint>
#include <string>

namespace wsync { // not "sync": that is a POSIX function in <unistd.h>

std::string NewUuidV4();                  // random: device and session ids
std::string NewUuidV7(int64_t unix_ms);   // time-ordered: answer ids (keeps inserts fast, see FACTS.md)
bool IsUuid(const std::string& s);

} // namespace wsync
