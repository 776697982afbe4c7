// The facilitator's PIN: the rules for a new one and for wrong ones (pure), and the PIN
// itself as a salted, slow hash (libsodium crypto_pwhash_str: Argon2id
// with a random salt, the parameters inside the string). Only the hash is stored.
#pragma once
#include <cstddef>
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

// Seconds a wrong PIN locks the keypad, after `failures` wrong PINs in a row:
//   1st and 2nd: none (a slip of the finger), 3rd: 5 s, 4th: 10 s, 5th: 20 s, then
//   doubling (40, 80, 160) and capped at 300 s (5 minutes) from the 9th on.
// A right PIN resets the count.
double PinDelay(int failures);
constexpr double kPinDelayCap = 300.0;

// A new PIN for `wijkstem set-pin`: 4 to 8 digits and nothing else. False and a
// reason a person understands otherwise.
bool ValidNewPin(const std::string& pin, std::string* why);
constexpr size_t kPinMinDigits = 4;
constexpr size_t kPinMaxDigits = 8;

} // namespace kiosk
