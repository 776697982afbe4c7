// Ed25519 signatures, SHA-256 and token hashing with libsodium. Keys and digests travel
// as lowercase hex.
#pragma once
#include <string>
#include <string_view>

namespace wsync {

bool NewSigningKey(std::string* public_hex, std::string* secret_hex, std::string* error);
std::string Sign(std::string_view message, const std::string& secret_hex);               // "" on a bad key
bool Verify(std::string_view message, const std::string& signature_hex, const std::string& public_hex);
std::string Sha256Hex(std::string_view data);
std::string RandomToken(size_t bytes);          // hex of random bytes
std::string HashToken(std::string_view token);  // what the store keeps instead of the token
bool ConstantTimeEqual(const std::string& a, const std::string& b);

} // namespace wsync
