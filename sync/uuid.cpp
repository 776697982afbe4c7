#include "sync/uuid.hpp"

#include <random>

namespace wsync { // not "sync": that is a POSIX function in <unistd.h>

namespace {

std::mt19937_64& Rng() {
    // Seeded per thread from the OS so ids stay unique across restarts and threads.
    thread_local std::mt19937_64 rng = [] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
        return std::mt19937_64(seq);
    }();
    return rng;
}

std::string Format(const uint8_t b[16]) {
    static const char* hex = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            s += '-';
        s += hex[b[i] >> 4];
        s += hex[b[i] & 15];
    }
    return s;
}

void RandomBytes(uint8_t* b, int n) {
    for (int i = 0; i < n; i += 8) {
        uint64_t r = Rng()();
        for (int j = 0; j < 8 && i + j < n; j++)
            b[i + j] = uint8_t(r >> (8 * j));
    }
}

} // namespace

std::string NewUuidV4() {
    uint8_t b[16];
    RandomBytes(b, 16);
    b[6] = (b[6] & 0x0F) | 0x40;
    b[8] = (b[8] & 0x3F) | 0x80;
    return Format(b);
}

std::string NewUuidV7(int64_t unix_ms) {
    uint8_t b[16];
    RandomBytes(b, 16);
    for (int i = 0; i < 6; i++)
        b[i] = uint8_t(uint64_t(unix_ms) >> (8 * (5 - i)));
    b[6] = (b[6] & 0x0F) | 0x70;
    b[8] = (b[8] & 0x3F) | 0x80;
    return Format(b);
}

bool IsUuid(const std::string& s) {
    if (s.size() != 36)
        return false;
    for (size_t i = 0; i < s.size(); i++) {
        char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

} // namespace wsync
