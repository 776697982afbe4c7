#include "sync/receipt.hpp"

#include <sodium.h>

#include <cctype>

namespace wsync {

namespace {
const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford's base32
}

std::string ReceiptCode(std::string_view key_hex, std::string_view session_id) {
    unsigned char key[32];
    size_t key_len = 0;
    if (sodium_init() < 0 || key_hex.size() != 64 ||
        sodium_hex2bin(key, sizeof key, key_hex.data(), key_hex.size(), nullptr, &key_len, nullptr) != 0 ||
        key_len != 32 || session_id.empty())
        return "";
    const std::string msg = "wijkstem-receipt:" + std::string(session_id);
    unsigned char out[16];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key,
                       sizeof key);
    uint64_t bits = 0; // the first 40 bits, 5 at a time
    for (int i = 0; i < 5; i++)
        bits = (bits << 8) | out[i];
    std::string code;
    for (int i = 7; i >= 0; i--) {
        code += kAlphabet[(bits >> (5 * i)) & 31];
        if (i == 4)
            code += '-';
    }
    return code;
}

std::string NormalizeReceipt(std::string_view typed) {
    std::string plain;
    for (char c : typed) {
        if (c == '-' || c == ' ')
            continue;
        c = char(toupper((unsigned char)c));
        if (c == 'O')
            c = '0';
        if (c == 'I' || c == 'L')
            c = '1';
        bool known = false;
        for (const char* a = kAlphabet; *a; a++)
            known = known || *a == c;
        if (!known || plain.size() >= 8)
            return "";
        plain += c;
    }
    if (plain.size() != 8)
        return "";
    return plain.substr(0, 4) + "-" + plain.substr(4);
}

} // namespace wsync
