// What a browser sends, read by the console (store/console/forms.cpp).
#include "store/console/forms.hpp"

#include <doctest/doctest.h>

using namespace console;

TEST_CASE("console forms: urlencoded, with repeats and escapes") {
    Form f = ParseUrlEncoded("name=Anna+de+Vries&wijk=Oosterpark&wijk=De%20Hoogte&x=%3Cb%3E&empty=&flag");
    CHECK(f.Get("name") == "Anna de Vries");
    CHECK(f.All("wijk") == std::vector<std::string>{"Oosterpark", "De Hoogte"});
    CHECK(f.Get("x") == "<b>");
    CHECK(f.Has("empty"));
    CHECK(f.Get("empty") == "");
    CHECK(f.Has("flag"));
    CHECK_FALSE(f.Has("nope"));
    CHECK(UrlDecode("a%2") == "a%2"); // a cut escape stays as it is
    CHECK(UrlEncode("De Hoogte/é") == "De%20Hoogte%2F%C3%A9");
    CHECK(UrlDecode(UrlEncode("x y&z=é"), false) == "x y&z=é");
}

TEST_CASE("console forms: multipart with a file") {
    const std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
                             "--XyZ\r\nContent-Disposition: form-data; name=\"pack\"; filename=\"pack.json\"\r\n"
                             "Content-Type: application/json\r\n\r\n{\"a\":\r\n1}\r\n"
                             "--XyZ--\r\n";
    Form f;
    std::string error;
    REQUIRE(ParseForm("multipart/form-data; boundary=XyZ", body, &f, &error));
    CHECK(f.Get("csrf") == "abc");
    CHECK(f.Get("pack") == "{\"a\":\r\n1}");
    Form g;
    CHECK_FALSE(ParseMultipart("multipart/form-data", body, &g, &error));
    CHECK_FALSE(ParseMultipart("multipart/form-data; boundary=XyZ", body.substr(0, 60), &g, &error));
    CHECK_FALSE(ParseForm("text/plain", "a=b", &g, &error));
}

TEST_CASE("console forms: cookies") {
    CHECK(CookieValue("a=1; wijkstem_console=abc; b=2", "wijkstem_console") == "abc");
    CHECK(CookieValue("xwijkstem_console=abc", "wijkstem_console") == "");
    CHECK(CookieValue("", "wijkstem_console") == "");
}
