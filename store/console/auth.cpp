#include "store/console/auth.hpp"

#include "sync/signing.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace console {

bool HashPassword(const std::string& password, std::string* hash, std::string* error) {
    if (sodium_init() < 0) {
        *error = "libsodium cannot start";
        return false;
    }
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        *error = "not enough memory to hash the password (it needs 64 MiB)";
        return false;
    }
    *hash = out;
    return true;
}

bool VerifyPassword(const std::string& password, const std::string& hash) {
    if (sodium_init() < 0 || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string PasswordProblem(const std::string& password) {
    if (password.size() < kMinPasswordLength)
        return "a password needs at least " + std::to_string(kMinPasswordLength) + " characters";
    if (password.size() > 1024)
        return "a password may have at most 1024 characters";
    return "";
}

bool ValidName(const std::string& name) {
    if (name.empty() || name.size() > 64 || name.front() == ' ' || name.back() == ' ')
        return false;
    return std::none_of(name.begin(), name.end(), [](char c) { return (unsigned char)c < 0x20 || c == 0x7f; });
}

bool ValidRole(const std::string& role) { return role == "admin" || role == "gebiedsteam"; }

bool StartSession(store::Store& store, const std::string& user, int64_t now, std::string* id, std::string* error) {
    *id = wsync::RandomToken(32); // 256 bits
    return store.SaveSession({wsync::HashToken(*id), user, now, now}, error);
}

bool CheckSession(store::Store& store, const std::string& id, int64_t now, Session* out) {
    if (id.size() != 64)
        return false;
    const std::string hash = wsync::HashToken(id);
    store::ConsoleSessionRow row;
    if (!store.FindSession(hash, &row))
        return false;
    if (now - row.LastSeen > kSessionIdleSeconds || now - row.CreatedAt > kSessionMaxSeconds || now < row.CreatedAt) {
        store.DropSession(hash);
        return false;
    }
    if (!store.FindUser(row.User, &out->User)) // removed since
        return false;
    store.TouchSession(hash, now);
    out->Id = id;
    out->Csrf = CsrfToken(id);
    return true;
}

void EndSession(store::Store& store, const std::string& id) { store.DropSession(wsync::HashToken(id)); }

std::string CsrfToken(const std::string& session_id) {
    if (sodium_init() < 0)
        return "";
    static const char kWhat[] = "wijkstem console csrf";
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(kWhat), sizeof kWhat - 1,
                       reinterpret_cast<const unsigned char*>(session_id.data()),
                       std::min<size_t>(session_id.size(), crypto_generichash_KEYBYTES_MAX));
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (unsigned char c : out) {
        s += hex[c >> 4];
        s += hex[c & 15];
    }
    return s;
}

bool CsrfOk(const std::string& session_id, const std::string& token) {
    return !session_id.empty() && !token.empty() && wsync::ConstantTimeEqual(CsrfToken(session_id), token);
}

bool IsAdmin(const store::ConsoleUser& user) { return user.Role == "admin"; }

bool MaySee(const store::ConsoleUser& user, const std::string& wijk) {
    if (IsAdmin(user))
        return true;
    return user.Role == "gebiedsteam" && std::find(user.Wijken.begin(), user.Wijken.end(), wijk) != user.Wijken.end();
}

std::vector<std::string> VisibleWijken(const store::ConsoleUser& user, const std::vector<std::string>& all) {
    if (IsAdmin(user))
        return all;
    return user.Role == "gebiedsteam" ? user.Wijken : std::vector<std::string>{};
}

//-----------------------------------------------------------------------------
// LoginThrottle
//-----------------------------------------------------------------------------

namespace {
std::string Key(const std::string& user) {
    std::string k = user;
    std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return k;
}
} // namespace

int64_t LoginThrottle::Wait(std::map<std::string, Entry>& map, const std::string& key, int64_t now) {
    auto it = map.find(key);
    if (it == map.end())
        return 0;
    if (now - it->second.LastFailure > 3600) {
        map.erase(it);
        return 0;
    }
    return std::max<int64_t>(0, it->second.LockedUntil - now);
}

void LoginThrottle::Fail(std::map<std::string, Entry>& map, const std::string& key, int free, int64_t now) {
    if (map.size() > 100000) // a flood of made-up names: forget the oldest half rather than grow
        for (auto it = map.begin(); it != map.end();)
            it = now - it->second.LastFailure > 60 ? map.erase(it) : std::next(it);
    Entry& e = map[key];
    if (now - e.LastFailure > 3600)
        e = {};
    e.Failures++;
    e.LastFailure = now;
    if (e.Failures > free) {
        const int over = std::min(e.Failures - free - 1, 20);
        e.LockedUntil = now + std::min<int64_t>(int64_t(1) << over, kMaxLockSeconds);
    }
}

int64_t LoginThrottle::WaitSeconds(const std::string& user, const std::string& address, int64_t now) {
    std::lock_guard<std::mutex> lock(Mu);
    return std::max(Wait(ByUser, Key(user), now), Wait(ByAddress, address, now));
}

void LoginThrottle::Failed(const std::string& user, const std::string& address, int64_t now) {
    std::lock_guard<std::mutex> lock(Mu);
    Fail(ByUser, Key(user), kFreeFailuresUser, now);
    Fail(ByAddress, address, kFreeFailuresAddress, now);
}

void LoginThrottle::Succeeded(const std::string& user) {
    std::lock_guard<std::mutex> lock(Mu);
    ByUser.erase(Key(user));
}

} // namespace console
