#include "sync/csv.hpp"

namespace wsync {

namespace {

bool PlainNumber(const std::string& s) {
    if (s.empty() || s.find_first_not_of("0123456789-.") != std::string::npos)
        return false;
    // One leading minus at most, and a digit somewhere: "-" or "--1" is text.
    return s.find('-', 1) == std::string::npos && s.find_first_of("0123456789") != std::string::npos;
}

template <typename Fields> std::string Row(const Fields& fields) {
    std::string line;
    bool first = true;
    for (const std::string& f : fields) {
        line += (first ? "" : ",") + CsvField(f);
        first = false;
    }
    return line + "\n";
}

} // namespace

std::string CsvField(const std::string& s) {
    std::string v = s;
    if (!v.empty() && !PlainNumber(v) && std::string("=+-@\t\r").find(v[0]) != std::string::npos)
        v = "'" + v;
    if (v.find_first_of(",;\"\n\r") == std::string::npos)
        return v;
    std::string out = "\"";
    for (char c : v)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string CsvRow(const std::vector<std::string>& fields) { return Row(fields); }
std::string CsvRow(std::initializer_list<std::string> fields) { return Row(fields); }

} // namespace wsync
