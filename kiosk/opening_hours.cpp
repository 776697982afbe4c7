// The building's opening hours (kiosk/opening_hours.hpp).
#include "kiosk/opening_hours.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

namespace kiosk {
namespace {

const char* kDays[2][7] = {{"ma", "di", "wo", "do", "vr", "za", "zo"}, {"mo", "tu", "we", "th", "fr", "sa", "su"}};

int DayIndex(const std::string& s) {
    for (const auto& names : kDays)
        for (int d = 0; d < 7; d++)
            if (s == names[d])
                return d;
    return -1;
}

// "HH:MM" -> minutes, or -1.
int ParseTime(const std::string& s) {
    if (s.size() != 5 || s[2] != ':' || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
        !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
        return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    return h * 60 + m;
}

struct Word {
    std::string Text;
    int Col; // 1-based
};

std::vector<Word> Words(const std::string& line) {
    std::vector<Word> words;
    for (size_t i = 0; i < line.size();) {
        if (line[i] == ' ' || line[i] == '\t') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t')
            j++;
        words.push_back({line.substr(i, j - i), int(i) + 1});
        i = j;
    }
    return words;
}

// "ma-vr", "ma,wo,vr", "za" -> days, or an error message.
bool ParseDays(const std::string& s, std::vector<int>* days, std::string* why) {
    std::stringstream parts(s);
    std::string part;
    while (std::getline(parts, part, ',')) {
        size_t dash = part.find('-');
        int a = DayIndex(part.substr(0, dash));
        int b = dash == std::string::npos ? a : DayIndex(part.substr(dash + 1));
        if (a < 0 || b < 0) {
            *why = "'" + part + "' is not a day (ma di wo do vr za zo, a range like ma-vr or a list like ma,wo)";
            return false;
        }
        if (b < a) {
            *why = "the day range '" + part + "' runs backwards (write ma-vr, not vr-ma)";
            return false;
        }
        for (int d = a; d <= b; d++)
            days->push_back(d);
    }
    if (days->empty()) {
        *why = "a day is missing";
        return false;
    }
    return true;
}

std::string Hhmm(int minutes) {
    char buf[16];
    snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

} // namespace

bool ParseOpeningHours(const std::string& text, const std::string& file, OpeningHours* hours,
                       std::vector<std::string>* problems) {
    OpeningHours out;
    out.Always = false;
    const size_t problems_before = problems->size();
    auto problem = [&](int line, int col, const std::string& msg) {
        problems->push_back(file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + msg);
    };
    std::stringstream in(text);
    std::string line;
    int line_no = 0, day_lines = 0;
    while (std::getline(in, line)) {
        line_no++;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (size_t hash = line.find('#'); hash != std::string::npos)
            line.resize(hash);
        std::vector<Word> words = Words(line);
        if (words.empty())
            continue;
        day_lines++;
        std::vector<int> days;
        std::string why;
        if (!ParseDays(words[0].Text, &days, &why)) {
            problem(line_no, words[0].Col, why);
            continue;
        }
        if (words.size() == 1) {
            problem(line_no, int(line.size()) + 1, "the times are missing (like 09:00-17:00, or gesloten)");
            continue;
        }
        if (words.size() == 2 && (words[1].Text == "gesloten" || words[1].Text == "closed"))
            continue; // a closed day: nothing to add
        for (size_t i = 1; i < words.size(); i++) {
            const Word& w = words[i];
            size_t dash = w.Text.find('-');
            int from = dash == std::string::npos ? -1 : ParseTime(w.Text.substr(0, dash));
            int until = dash == std::string::npos ? -1 : ParseTime(w.Text.substr(dash + 1));
            if (from < 0 || until < 0) {
                problem(line_no, w.Col, "'" + w.Text + "' is not a period like 09:00-17:00 (00:00 to 24:00)");
                continue;
            }
            if (until <= from) {
                problem(line_no, w.Col, "the period " + w.Text + " ends before it starts (split a night in two days)");
                continue;
            }
            for (int d : days)
                out.Periods.push_back({d, from, until});
        }
    }
    if (day_lines == 0)
        problem(line_no + 1, 1, "no opening hours in the file (remove it to keep the kiosk on all day)");
    if (problems->size() != problems_before)
        return false;
    *hours = std::move(out);
    return true;
}

bool ReadOpeningHours(const std::string& path, OpeningHours* hours, std::vector<std::string>* problems) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        if (errno == ENOENT) {
            *hours = OpeningHours{};
            return true;
        }
        problems->push_back(path + ": cannot read: " + strerror(errno));
        return false;
    }
    std::stringstream ss;
    ss << f.rdbuf();
    return ParseOpeningHours(ss.str(), path, hours, problems);
}

bool IsOpen(const OpeningHours& hours, int day, int minute) {
    if (hours.Always)
        return true;
    for (const OpenPeriod& p : hours.Periods)
        if (p.Day == day && minute >= p.From && minute < p.Until)
            return true;
    return false;
}

int MinutesToNextChange(const OpeningHours& hours, int day, int minute) {
    const bool now = IsOpen(hours, day, minute);
    for (int step = 1; step <= 7 * 1440; step++) { // a week of minutes: cheap, and plainly right
        int m = minute + step;
        if (IsOpen(hours, (day + m / 1440) % 7, m % 1440) != now)
            return step;
    }
    return 7 * 1440;
}

void LocalDayMinute(long long t, int* day, int* minute) {
    time_t tt = time_t(t);
    struct tm tm;
    localtime_r(&tt, &tm);
    *day = (tm.tm_wday + 6) % 7; // tm_wday: 0 = Sunday
    *minute = tm.tm_hour * 60 + tm.tm_min;
}

bool ScreenDark(bool open_now, bool on_attract, double now, double last_input) {
    return !open_now && on_attract && now - last_input >= kWakeSeconds;
}

std::string DescribeOpeningHours(const OpeningHours& hours) {
    if (hours.Always)
        return "always open";
    if (hours.Periods.empty())
        return "always closed";
    std::string out;
    std::vector<OpenPeriod> sorted = hours.Periods;
    std::sort(sorted.begin(), sorted.end(), [](const OpenPeriod& a, const OpenPeriod& b) {
        return a.Day != b.Day ? a.Day < b.Day : a.From < b.From;
    });
    for (const OpenPeriod& p : sorted)
        out += (out.empty() ? "" : "; ") + std::string(kDays[0][p.Day]) + " " + Hhmm(p.From) + "-" + Hhmm(p.Until);
    return out;
}

} // namespace kiosk
