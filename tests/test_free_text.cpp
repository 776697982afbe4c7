// Free text: what a resident types is stored clean, capped and without contact data.
#include "content/free_text.hpp"

#include <doctest/doctest.h>

using namespace content;

TEST_CASE("typed text keeps every letter, accents included") {
    CleanText r = CleanFreeText("Meer bankjes bij de vijver, ook voor ouderen. Çok güzel! Źdźbło, łąka, ığ, ë é ï ó ü");
    REQUIRE(r.Ok);
    CHECK(r.Text == "Meer bankjes bij de vijver, ook voor ouderen. Çok güzel! Źdźbło, łąka, ığ, ë é ï ó ü");
    CHECK(r.Masked == 0);
}

TEST_CASE("control characters and direction overrides are dropped, spaces trimmed") {
    CleanText r = CleanFreeText("  \t meer\x01 groen\x7f\n\n in\xc2\x85 de   wijk \xe2\x80\xae!  ");
    REQUIRE(r.Ok);
    CHECK(r.Text == "meer groen in de wijk !");
}

TEST_CASE("invalid UTF-8 is refused, not stored") {
    for (const char* bad : {"caf\xe9", "\xc0\xaf", "\xed\xa0\x80", "abc\xf4\x90\x80\x80", "\xe2\x82"}) {
        CAPTURE(bad);
        CleanText r = CleanFreeText(bad);
        CHECK_FALSE(r.Ok);
        CHECK(r.Error.find("UTF-8") != std::string::npos);
    }
}

TEST_CASE("the cap counts characters, not bytes") {
    std::string many;
    for (int i = 0; i < 600; i++)
        many += "ë";
    CleanText r = CleanFreeText(many, 500);
    REQUIRE(r.Ok);
    CHECK(Utf8Length(r.Text) == 500);
    CHECK(r.Text.size() == 1000);
    CHECK(Utf8Length("ąęł") == 3);
    CHECK(Utf8Length("\xff") == -1);
    CHECK(DropLastChar("łąka") == "łąk");
    CHECK(DropLastChar("kał") == "ka");
    CHECK(DropLastChar("") == "");
}

TEST_CASE("phone numbers are masked in the usual Dutch and international ways") {
    struct Case {
        const char* In;
        const char* Out;
    } cases[] = {
        {"bel me op 0612345678", "bel me op [tel]"},
        {"bel 06-12345678 of 06 1234 5678", "bel [tel] of [tel]"},
        {"mijn nummer: +31 6 12345678.", "mijn nummer: [tel]."},
        {"(050) 123 45 67 na zessen", "[tel] na zessen"},
        {"050-1234567", "[tel]"},
        {"+48 601 234 567", "[tel]"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.In);
        int masked = 0;
        CHECK(MaskContactData(c.In, &masked) == c.Out);
        CHECK(masked >= 1);
    }
}

TEST_CASE("numbers that are not phone numbers stay") {
    for (const char* keep : {"in 2024 kwamen er 150 mensen", "postcode 9712 AB", "€ 25.000 voor groen",
                             "huisnummer 12-14", "1.000.000 euro", "tussen 8 en 10 uur"}) {
        CAPTURE(keep);
        int masked = 0;
        CHECK(MaskContactData(keep, &masked) == keep);
        CHECK(masked == 0);
    }
}

TEST_CASE("e-mail addresses are masked, a lone @ is not") {
    int masked = 0;
    CHECK(MaskContactData("mail jan.de.vries@example.nl.", &masked) == "mail [e-mail].");
    CHECK(masked == 1);
    CHECK(MaskContactData("a@b.co en c_d+e@wijk-groningen.org", &masked) == "[e-mail] en [e-mail]");
    CHECK(masked == 2);
    CHECK(MaskContactData("samen @ het buurthuis", &masked) == "samen @ het buurthuis");
    CHECK(masked == 0);
    CHECK(MaskContactData("naam@localhost", &masked) == "naam@localhost");
}

TEST_CASE("cleaning masks too") {
    CleanText r = CleanFreeText("Bel Piet: 06 12 34 56 78 of piet@buurt.nl");
    REQUIRE(r.Ok);
    CHECK(r.Text == "Bel Piet: [tel] of [e-mail]");
    CHECK(r.Masked == 2);
}

TEST_CASE("the cap holds after masking, and a number at the cap is still masked (fuzz findings, issue 17)") {
    // tests/fuzz/free_text/crash-cap-after-mask: "[e-mail]" ran 3 characters past a cap of 33.
    const std::string found = " .@ae________________a@l@l.a. \x12-\nOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOO";
    CleanText r = CleanFreeText(found, 33);
    REQUIRE(r.Ok);
    CHECK(Utf8Length(r.Text) <= 33);
    // Capping first kept "06123456" (8 digits, too few for the mask) at the end.
    const std::string text = std::string(491, 'x') + " 0612345678";
    r = CleanFreeText(text, 500);
    REQUIRE(r.Ok);
    CHECK(r.Text == std::string(491, 'x') + " [tel]");
    CHECK(r.Masked == 1);
    CHECK(r.Text.find("06123456") == std::string::npos);
    // A cap inside the mask cuts the mask, never shows what it hid.
    r = CleanFreeText("mail piet@buurt.nl", 8);
    REQUIRE(r.Ok);
    CHECK(r.Text == "mail [e-");
}
