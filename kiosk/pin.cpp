#include "kiosk/pin.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>

namespace kiosk {

bool HashPin(const std::string& pin, std::string* hash, std::string* error) {
    if (sodium_init() < 0) {
        *error = "libsodium cannot start";
        return false;
    }
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), kPinOpsLimit, kPinMemLimit) != 0) {
        *error = "not enough memory to hash the PIN (it needs 64 MiB)";
        return false;
    }
    *hash = out;
    return true;
}

bool VerifyPin(const std::string& pin, const std::string& hash) {
    if (sodium_init() < 0 || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

double PinDelay(int failures) {
    if (failures <= 2)
        return 0.0;
    if (failures >= 9)
        return kPinDelayCap;
    return std::min(kPinDelayCap, 5.0 * std::pow(2.0, failures - 3));
}

bool ValidNewPin(const std::string& pin, std::string* why) {
    if (pin.empty()) {
        *why = "no PIN given: type 4 to 8 digits";
        return false;
    }
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        *why = "a PIN has only digits (0-9): the kiosk's keypad has nothing else";
        return false;
    }
    if (pin.size() < kPinMinDigits || pin.size() > kPinMaxDigits) {
        *why = "a PIN has 4 to 8 digits, this one has " + std::to_string(pin.size());
        return false;
    }
    return true;
}

} // namespace kiosk
