// A real store (a temp SQLite file, or a PostgreSQL schema under pg_cluster.sh) with a console
// over it and a clock the test moves.
#pragma once
#include "store/console/console.hpp"
#include "store/console/forms.hpp"
#include "fixtures_store.hpp"
#include "sync/signing.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

struct ConsoleFixture {
    std::string Dir;
    std::unique_ptr<fixtures::StoreTarget> Target; // a file in Dir, or a PostgreSQL schema
    std::unique_ptr<store::Store> S;
    std::unique_ptr<console::Console> C;
    int64_t Clock = 1764000000;

    ConsoleFixture() {
        char tmpl[] = "/tmp/wijkstem-console-test-XXXXXX";
        Dir = mkdtemp(tmpl);
        std::string error;
        Target = std::make_unique<fixtures::StoreTarget>(Dir);
        S = store::Store::Open(Target->Url, &error);
        REQUIRE_MESSAGE(S, error);
        C = std::make_unique<console::Console>(*S, Target->Url);
        C->Now = [this] { return Clock; };
        C->WorkDir = Dir + "/work";
    }
    ~ConsoleFixture() {
        C.reset();
        S.reset();
        Target.reset();
        std::filesystem::remove_all(Dir);
    }
    void AddUser(const std::string& name, const std::string& role, std::vector<std::string> wijken,
                 const std::string& password = "een goed wachtwoord") {
        store::ConsoleUser u{name, role, std::move(wijken), "", ""};
        std::string error;
        REQUIRE(console::HashPassword(password, &u.PasswordHash, &error));
        REQUIRE_MESSAGE(S->AddUser(u, &error), error);
    }
    std::string Enrol(const std::string& device, const std::string& wijk) {
        std::string code, token, got, error, pub, sec;
        REQUIRE(S->NewEnrollCode(wijk, &code, &error));
        REQUIRE(wsync::NewSigningKey(&pub, &sec, &error));
        bool forbidden = false;
        REQUIRE_MESSAGE(S->Enroll(code, device, pub, &token, &got, &forbidden, &error), error);
        return token;
    }
    console::ConsoleResponse Do(const std::string& method, const std::string& target, const std::string& body = "",
                                const std::string& cookie = "", const std::string& addr = "127.0.0.1") {
        console::ConsoleRequest req;
        req.Method = method;
        const size_t q = target.find('?');
        req.Path = target.substr(0, q);
        req.Query = q == std::string::npos ? "" : target.substr(q + 1);
        req.Body = body;
        req.RemoteAddr = addr;
        if (!cookie.empty())
            req.Headers["cookie"] = "wijkstem_console=" + cookie;
        if (method == "POST")
            req.Headers["content-type"] = "application/x-www-form-urlencoded";
        console::ConsoleResponse res;
        console::HandleConsole(*C, req, &res);
        return res;
    }
    static std::string Header(const console::ConsoleResponse& r, const std::string& name) {
        for (const auto& [k, v] : r.Headers)
            if (k == name)
                return v;
        return "";
    }
    // Logs in; returns the cookie's value.
    std::string Login(const std::string& name, const std::string& password = "een goed wachtwoord") {
        auto r = Do("POST", "/console/login", "name=" + console::UrlEncode(name) + "&password=" + console::UrlEncode(password));
        REQUIRE(r.Status == 303);
        const std::string set = Header(r, "Set-Cookie");
        const size_t eq = set.find('='), semi = set.find(';');
        return set.substr(eq + 1, semi - eq - 1);
    }
};
