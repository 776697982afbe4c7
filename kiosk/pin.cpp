#include "kiosk/pin.hpp"

#include <sodium.h>

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

} // namespace kiosk
