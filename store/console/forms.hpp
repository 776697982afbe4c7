// What a browser sends, read without an HTTP library: query strings and urlencoded forms,
// multipart/form-data (a file upload), cookies. Pure functions.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace console {

// Fields in the order sent; a name may come more than once (check boxes).
struct Form {
    std::vector<std::pair<std::string, std::string>> Fields;
    std::string Get(const std::string& name) const; // the last value, or ""
    std::vector<std::string> All(const std::string& name) const;
    bool Has(const std::string& name) const;
};

std::string UrlDecode(const std::string& s, bool plus_is_space = true);
std::string UrlEncode(const std::string& s);
Form ParseUrlEncoded(const std::string& body);
// false with *error when the body is not the multipart form content_type announces.
bool ParseMultipart(const std::string& content_type, const std::string& body, Form* out, std::string* error);
// The form of a POST, by its Content-Type.
bool ParseForm(const std::string& content_type, const std::string& body, Form* out, std::string* error);
// A cookie's value from a Cookie header, or "".
std::string CookieValue(const std::string& header, const std::string& name);

} // namespace console
