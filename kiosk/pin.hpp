// The facilitator's PIN as a salted, slow hash (libsodium crypto_pwhash_str: Argon2id
// with a random salt, the parameters inside the string). Only the hash is stored.
#pragma once
#include <string>

namespace kiosk {

// Argon2id limits: 3 passes over 64 MiB. Measured on the 2-core build machine:
// hash 69-75 ms, verify 65-71 ms (docs/admin.md); well under a second on a slower
// kiosk too, and the growing delays, not the hash, are what stop guessing at the kiosk.
constexpr unsigned long long kPinOpsLimit = 3;
constexpr size_t kPinMemLimit = size_t(64) * 1024 * 1024;

// False and *error when libsodium cannot run (out of memory).
bool HashPin(const std::string& pin, std::string* hash, std::string* error);
// True when pin matches hash. A damaged hash matches nothing.
bool VerifyPin(const std::string& pin, const std::string& hash);

} // namespace kiosk
