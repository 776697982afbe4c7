// The console's security rules (store/console/auth.cpp): password hashing, sessions and
// their expiry on an injected clock, CSRF tokens, roles, the slow-down after failed logins.
#include "console_fixture.hpp"
#include "store/console/auth.hpp"


using namespace console;

TEST_CASE("console passwords are hashed with argon2id and verified") {
    std::string hash, error;
    REQUIRE(HashPassword("correct horse battery", &hash, &error));
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("correct horse") == std::string::npos);
    CHECK(VerifyPassword("correct horse battery", hash));
    CHECK_FALSE(VerifyPassword("correct horse batterY", hash));
    CHECK_FALSE(VerifyPassword("", hash));
    CHECK_FALSE(VerifyPassword("correct horse battery", ""));
    std::string again;
    REQUIRE(HashPassword("correct horse battery", &again, &error));
    CHECK(again != hash); // salted
    CHECK(PasswordProblem("kort") != "");
    CHECK(PasswordProblem("123456789") != "");
    CHECK(PasswordProblem("1234567890") == "");
}

TEST_CASE("console names and roles") {
    CHECK(ValidName("Oosterpark"));
    CHECK(ValidName("De Hoogte / Korrewegwijk"));
    CHECK_FALSE(ValidName(""));
    CHECK_FALSE(ValidName(" spatie"));
    CHECK_FALSE(ValidName("regel\nbreuk"));
    CHECK_FALSE(ValidName(std::string(65, 'a')));
    CHECK(ValidRole("admin"));
    CHECK(ValidRole("gebiedsteam"));
    CHECK_FALSE(ValidRole("root"));
}

TEST_CASE("console sessions: stored hashed, expire after 30 minutes idle, at 12 hours and at logout") {
    ConsoleFixture f;
    f.AddUser("anna", "gebiedsteam", {"Oosterpark"});
    std::string id, error;
    REQUIRE(StartSession(*f.S, "anna", 1000, &id, &error));
    CHECK(id.size() == 64); // 256 bits, hex
    {   // only the hash is at the store
        store::db::Stmt st(f.S->Handle(), "SELECT count(*) FROM console_sessions WHERE id_hash = ?1");
        REQUIRE(st.Bind(id).Step() == store::db::kRow);
        CHECK(st.Int(0) == 0);
        store::ConsoleSessionRow row;
        CHECK(f.S->FindSession(wsync::HashToken(id), &row));
        CHECK(row.User == "anna");
    }
    Session s;
    SUBCASE("active use keeps it alive; 30 minutes idle ends it") {
        CHECK(CheckSession(*f.S, id, 1000 + 29 * 60, &s));
        CHECK(s.User.Name == "anna");
        CHECK(s.User.Wijken == std::vector<std::string>{"Oosterpark"});
        CHECK(s.Csrf == CsrfToken(id));
        CHECK(CheckSession(*f.S, id, 1000 + 58 * 60, &s)); // touched 29 min ago
        CHECK_FALSE(CheckSession(*f.S, id, 1000 + 58 * 60 + kSessionIdleSeconds + 1, &s));
        CHECK_FALSE(CheckSession(*f.S, id, 1000 + 60 * 60, &s)); // dropped, not just refused
    }
    SUBCASE("at most 12 hours, however active") {
        int64_t t = 1000;
        for (; t < 1000 + kSessionMaxSeconds; t += 20 * 60)
            REQUIRE(CheckSession(*f.S, id, t, &s));
        CHECK_FALSE(CheckSession(*f.S, id, 1000 + kSessionMaxSeconds + 60, &s));
    }
    SUBCASE("logout ends it") {
        EndSession(*f.S, id);
        CHECK_FALSE(CheckSession(*f.S, id, 1001, &s));
    }
    SUBCASE("a removed user's session ends") {
        REQUIRE(f.S->RemoveUser("anna", &error));
        CHECK_FALSE(CheckSession(*f.S, id, 1001, &s));
    }
    SUBCASE("a made-up or altered id opens nothing") {
        CHECK_FALSE(CheckSession(*f.S, "", 1001, &s));
        CHECK_FALSE(CheckSession(*f.S, std::string(64, '0'), 1001, &s));
        std::string other = id;
        other[10] = other[10] == 'a' ? 'b' : 'a';
        CHECK_FALSE(CheckSession(*f.S, other, 1001, &s));
        CHECK_FALSE(CheckSession(*f.S, wsync::HashToken(id), 1001, &s)); // the stored hash is no key
    }
}

TEST_CASE("console CSRF tokens belong to one session") {
    const std::string a = wsync::RandomToken(32), b = wsync::RandomToken(32);
    CHECK(CsrfToken(a).size() == 64);
    CHECK(CsrfToken(a) == CsrfToken(a));
    CHECK(CsrfToken(a) != CsrfToken(b));
    CHECK(CsrfToken(a) != a);
    CHECK(CsrfOk(a, CsrfToken(a)));
    CHECK_FALSE(CsrfOk(a, CsrfToken(b)));
    CHECK_FALSE(CsrfOk(a, ""));
    CHECK_FALSE(CsrfOk("", CsrfToken("")));
    std::string t = CsrfToken(a);
    t[0] = t[0] == 'f' ? 'e' : 'f';
    CHECK_FALSE(CsrfOk(a, t));
}

TEST_CASE("console roles: an admin sees every wijk, a gebiedsteam user only theirs") {
    store::ConsoleUser admin{"beheer", "admin", {}, "", ""};
    store::ConsoleUser team{"anna", "gebiedsteam", {"Oosterpark", "Selwerd"}, "", ""};
    store::ConsoleUser odd{"x", "iets", {"Oosterpark"}, "", ""};
    CHECK(MaySee(admin, "Beijum"));
    CHECK(MaySee(team, "Oosterpark"));
    CHECK(MaySee(team, "Selwerd"));
    CHECK_FALSE(MaySee(team, "Beijum"));
    CHECK_FALSE(MaySee(team, "oosterpark")); // names are exact
    CHECK_FALSE(MaySee(odd, "Oosterpark"));
    const std::vector<std::string> all = {"Beijum", "Oosterpark", "Selwerd"};
    CHECK(VisibleWijken(admin, all) == all);
    CHECK(VisibleWijken(team, all) == std::vector<std::string>{"Oosterpark", "Selwerd"});
    CHECK(VisibleWijken(odd, all).empty());
}

TEST_CASE("failed logins slow down per user and per address, without sleeping") {
    LoginThrottle t;
    const int64_t now = 5000;
    for (int i = 0; i < LoginThrottle::kFreeFailuresUser; i++) {
        CHECK(t.WaitSeconds("anna", "10.0.0.1", now) == 0);
        t.Failed("anna", "10.0.0.1", now);
    }
    CHECK(t.WaitSeconds("anna", "10.0.0.1", now) == 0); // five free
    t.Failed("anna", "10.0.0.1", now);
    CHECK(t.WaitSeconds("anna", "10.0.0.1", now) == 1);
    CHECK(t.WaitSeconds("ANNA", "10.0.0.9", now) == 1); // the user, from anywhere, any case
    CHECK(t.WaitSeconds("bert", "10.0.0.1", now) == 0); // the address is not locked yet
    t.Failed("anna", "10.0.0.1", now + 1);
    CHECK(t.WaitSeconds("anna", "10.0.0.1", now + 1) == 2);
    t.Failed("anna", "10.0.0.1", now + 3);
    CHECK(t.WaitSeconds("anna", "10.0.0.1", now + 3) == 4); // doubles
    for (int i = 0; i < 30; i++)
        t.Failed("anna", "10.0.0.1", now + 10);
    CHECK(t.WaitSeconds("anna", "10.0.0.1", now + 10) == LoginThrottle::kMaxLockSeconds); // capped
    // 20 free failures per address, over any names
    CHECK(t.WaitSeconds("bert", "10.0.0.1", now + 10) == LoginThrottle::kMaxLockSeconds);
    CHECK(t.WaitSeconds("bert", "10.0.0.2", now + 10) == 0);
    // an hour after the last failure, forgotten
    CHECK(t.WaitSeconds("anna", "10.0.0.2", now + 10 + 3601) == 0);
    // a success clears the user, not the address
    LoginThrottle u;
    for (int i = 0; i < 7; i++)
        u.Failed("carl", "10.0.0.3", now);
    CHECK(u.WaitSeconds("carl", "10.0.0.4", now) > 0);
    u.Succeeded("carl");
    CHECK(u.WaitSeconds("carl", "10.0.0.4", now) == 0);
}
