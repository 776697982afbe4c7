#include "sync/signing.hpp"

#include <sodium.h>

#include <vector>

namespace wsync {

namespace {

bool Init() {
    static const bool ok = sodium_init() >= 0; // safe to call again; -1 only when it cannot work
    return ok;
}

std::string Hex(const unsigned char* data, size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, n);
    out.resize(n * 2);
    return out;
}

bool Unhex(const std::string& hex, std::vector<unsigned char>* out, size_t want) {
    out->assign(want, 0);
    size_t len = 0;
    return sodium_hex2bin(out->data(), want, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == want &&
           hex.size() == want * 2;
}

} // namespace

bool NewSigningKey(std::string* public_hex, std::string* secret_hex, std::string* error) {
    if (!Init()) {
        *error = "libsodium cannot start";
        return false;
    }
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    *public_hex = Hex(pk, sizeof pk);
    *secret_hex = Hex(sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    return true;
}

std::string Sign(std::string_view message, const std::string& secret_hex) {
    std::vector<unsigned char> sk;
    if (!Init() || !Unhex(secret_hex, &sk, crypto_sign_SECRETKEYBYTES))
        return "";
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         sk.data());
    sodium_memzero(sk.data(), sk.size());
    return Hex(sig, sizeof sig);
}

bool Verify(std::string_view message, const std::string& signature_hex, const std::string& public_hex) {
    std::vector<unsigned char> sig, pk;
    if (!Init() || !Unhex(signature_hex, &sig, crypto_sign_BYTES) ||
        !Unhex(public_hex, &pk, crypto_sign_PUBLICKEYBYTES))
        return false;
    return crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), pk.data()) == 0;
}

std::string Sha256Hex(std::string_view data) {
    Init();
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return Hex(out, sizeof out);
}

std::string RandomToken(size_t bytes) {
    Init();
    std::vector<unsigned char> b(bytes);
    randombytes_buf(b.data(), b.size());
    return Hex(b.data(), b.size());
}

std::string HashToken(std::string_view token) {
    Init();
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
    return Hex(out, sizeof out);
}

bool ConstantTimeEqual(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace wsync
