// The console's security rules, apart from HTTP and HTML so they can be tested alone:
// password hashing (argon2id), sessions (a random id in a cookie, only its hash at the
// store, 30 minutes of inactivity), CSRF tokens tied to the session, roles, and the
// slow-down after failed logins. Time comes from the caller (unix seconds).
#pragma once
#include "store/store.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace console {

constexpr size_t kMinPasswordLength = 10;
constexpr int64_t kSessionIdleSeconds = 30 * 60;
constexpr int64_t kSessionMaxSeconds = 12 * 3600; // a working day, then log in again

// libsodium's crypto_pwhash_str (argon2id, OPSLIMIT/MEMLIMIT_INTERACTIVE).
bool HashPassword(const std::string& password, std::string* hash, std::string* error);
bool VerifyPassword(const std::string& password, const std::string& hash);
// Why a new password will not do, or "" when it will.
std::string PasswordProblem(const std::string& password);

// A user name or wijk as the console accepts it: 1-64 characters, no control characters.
bool ValidName(const std::string& name);
bool ValidRole(const std::string& role);

// What a logged-in request knows of its user.
struct Session {
    std::string Id; // the cookie's value (never stored)
    store::ConsoleUser User;
    std::string Csrf;
};

// A new session for user; *id is the cookie's value.
bool StartSession(store::Store& store, const std::string& user, int64_t now, std::string* id, std::string* error);
// The session of a cookie value: false when unknown, idle too long or too old (then it is
// dropped). A valid one is touched (its idle time starts again).
bool CheckSession(store::Store& store, const std::string& id, int64_t now, Session* out);
void EndSession(store::Store& store, const std::string& id);

// The synchronizer token of a session: BLAKE2b keyed with the session id, so it needs no
// storage, differs per session and cannot be made without the cookie.
std::string CsrfToken(const std::string& session_id);
bool CsrfOk(const std::string& session_id, const std::string& token);

// Roles: an admin sees every wijk; a gebiedsteam user only theirs.
bool IsAdmin(const store::ConsoleUser& user);
bool MaySee(const store::ConsoleUser& user, const std::string& wijk);
// The wijken a user may see, out of every wijk the store knows.
std::vector<std::string> VisibleWijken(const store::ConsoleUser& user, const std::vector<std::string>& all);

// Failed logins, per user name and per address. After kFreeFailures a key is locked for
// 2^(n - kFreeFailures) seconds after its n-th failure (at most kMaxLockSeconds); a login
// while locked is refused at once with the seconds left, without checking the password
// and without holding a thread. Forgotten an hour after the last failure.
class LoginThrottle {
public:
    static constexpr int kFreeFailuresUser = 5;
    static constexpr int kFreeFailuresAddress = 20; // one office, many people
    static constexpr int64_t kMaxLockSeconds = 15 * 60;

    // 0 when a login may be tried now, else the seconds to wait.
    int64_t WaitSeconds(const std::string& user, const std::string& address, int64_t now);
    void Failed(const std::string& user, const std::string& address, int64_t now);
    void Succeeded(const std::string& user);

private:
    struct Entry {
        int Failures = 0;
        int64_t LastFailure = 0;
        int64_t LockedUntil = 0;
    };
    void Fail(std::map<std::string, Entry>& map, const std::string& key, int free, int64_t now);
    int64_t Wait(std::map<std::string, Entry>& map, const std::string& key, int64_t now);
    std::mutex Mu;
    std::map<std::string, Entry> ByUser, ByAddress;
};

} // namespace console
