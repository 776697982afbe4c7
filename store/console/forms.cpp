#include "store/console/forms.hpp"

#include <algorithm>
#include <cctype>

namespace console {

std::string Form::Get(const std::string& name) const {
    for (auto it = Fields.rbegin(); it != Fields.rend(); ++it)
        if (it->first == name)
            return it->second;
    return "";
}

std::vector<std::string> Form::All(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : Fields)
        if (k == name)
            out.push_back(v);
    return out;
}

bool Form::Has(const std::string& name) const {
    return std::any_of(Fields.begin(), Fields.end(), [&](const auto& f) { return f.first == name; });
}

namespace {
int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// The value of a parameter in a header such as `form-data; name="x"; filename="y"`.
std::string HeaderParam(const std::string& header, const std::string& param) {
    const std::string lower = Lower(header);
    size_t at = 0;
    while ((at = lower.find(param + "=", at)) != std::string::npos) {
        if (at == 0 || lower[at - 1] == ' ' || lower[at - 1] == ';') {
            size_t v = at + param.size() + 1;
            if (v < header.size() && header[v] == '"') {
                size_t end = header.find('"', v + 1);
                return end == std::string::npos ? "" : header.substr(v + 1, end - v - 1);
            }
            size_t end = header.find(';', v);
            return header.substr(v, end == std::string::npos ? std::string::npos : end - v);
        }
        at++;
    }
    return "";
}
} // namespace

std::string UrlDecode(const std::string& s, bool plus_is_space) {
    std::string out;
    for (size_t i = 0; i < s.size(); i++) {
        if (s[i] == '+' && plus_is_space)
            out += ' ';
        else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
            out += char(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
            i += 2;
        } else
            out += s[i];
    }
    return out;
}

std::string UrlEncode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out += char(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

Form ParseUrlEncoded(const std::string& body) {
    Form f;
    size_t start = 0;
    while (start <= body.size()) {
        size_t end = body.find('&', start);
        if (end == std::string::npos)
            end = body.size();
        const std::string pair = body.substr(start, end - start);
        if (!pair.empty()) {
            size_t eq = pair.find('=');
            f.Fields.emplace_back(UrlDecode(pair.substr(0, eq)),
                                  eq == std::string::npos ? "" : UrlDecode(pair.substr(eq + 1)));
        }
        start = end + 1;
    }
    return f;
}

bool ParseMultipart(const std::string& content_type, const std::string& body, Form* out, std::string* error) {
    const std::string boundary = HeaderParam(content_type, "boundary");
    if (boundary.empty() || boundary.size() > 200) {
        *error = "multipart/form-data without a boundary";
        return false;
    }
    const std::string delim = "--" + boundary;
    size_t at = body.find(delim);
    if (at == std::string::npos) {
        *error = "the form's parts are missing";
        return false;
    }
    at += delim.size();
    while (true) {
        if (body.compare(at, 2, "--") == 0)
            return true; // the closing delimiter
        if (body.compare(at, 2, "\r\n") != 0)
            break;
        at += 2;
        const size_t head_end = body.find("\r\n\r\n", at);
        if (head_end == std::string::npos)
            break;
        std::string name;
        size_t line = at;
        while (line < head_end) {
            size_t eol = body.find("\r\n", line);
            if (eol == std::string::npos || eol > head_end)
                eol = head_end;
            const std::string h = body.substr(line, eol - line);
            if (Lower(h).rfind("content-disposition:", 0) == 0)
                name = HeaderParam(h, "name");
            line = eol + 2;
        }
        const size_t data = head_end + 4;
        const size_t next = body.find("\r\n" + delim, data);
        if (next == std::string::npos)
            break;
        if (!name.empty())
            out->Fields.emplace_back(name, body.substr(data, next - data));
        at = next + 2 + delim.size();
    }
    *error = "the form's parts are cut off or malformed";
    return false;
}

bool ParseForm(const std::string& content_type, const std::string& body, Form* out, std::string* error) {
    const std::string type = Lower(content_type);
    if (type.rfind("multipart/form-data", 0) == 0)
        return ParseMultipart(content_type, body, out, error);
    if (type.empty() || type.rfind("application/x-www-form-urlencoded", 0) == 0) {
        *out = ParseUrlEncoded(body);
        return true;
    }
    *error = "a form is sent as application/x-www-form-urlencoded or multipart/form-data";
    return false;
}

std::string CookieValue(const std::string& header, const std::string& name) {
    size_t start = 0;
    while (start < header.size()) {
        size_t end = header.find(';', start);
        if (end == std::string::npos)
            end = header.size();
        std::string part = header.substr(start, end - start);
        const size_t b = part.find_first_not_of(' ');
        part = b == std::string::npos ? "" : part.substr(b);
        if (part.rfind(name + "=", 0) == 0)
            return part.substr(name.size() + 1);
        start = end + 1;
    }
    return "";
}

} // namespace console
