#include "store/report/svg_chart.hpp"
#include "store/report/html.hpp"

#include <algorithm>
#include <cstdio>

namespace report {

namespace {

// Sizes in user units. The text is measured by estimate (SVG cannot wrap): DejaVu Sans
// averages under 0.6 em a character, bold a little more; lines are cut between words.
constexpr float kMargin = 16;
constexpr float kTitleSize = 20, kTextSize = 15, kScaleSize = 13;
constexpr float kBarX = kMargin, kBarW = 500, kBarH = 24;
constexpr float kFigureX = kBarX + kBarW + 12;
const char* kInk = "#1a1a1a";   // text and outlines: 17:1 on white
const char* kMuted = "#3c3c3c"; // subtitle and scale: 11:1
const char* kFill = "#104682";  // the bars: 10:1 on white, dark in greyscale print too

std::string Num(float v) {
    char buf[32];
    snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
        s.resize(s.size() - 2);
    return s;
}

size_t Characters(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

// The words in lines of at most max_chars characters (a longer word stands alone).
std::vector<std::string> Wrap(const std::string& text, float size, float width, bool bold = false) {
    const size_t max_chars = std::max<size_t>(8, size_t(width / (size * (bold ? 0.64f : 0.58f))));
    std::vector<std::string> lines;
    std::string line, word;
    auto flush_word = [&] {
        if (word.empty())
            return;
        if (!line.empty() && Characters(line) + 1 + Characters(word) > max_chars) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        word.clear();
    };
    for (char c : text) {
        if (c == ' ' || c == '\n')
            flush_word();
        else
            word += c;
    }
    flush_word();
    if (!line.empty())
        lines.push_back(line);
    return lines;
}

// Lines of text from top y; returns the y under them.
float Lines(std::string* svg, const std::vector<std::string>& lines, float x, float y, float size,
            const std::string& attrs) {
    const float step = size * 1.3f;
    for (const std::string& l : lines) {
        y += step;
        *svg += "<text x=\"" + Num(x) + "\" y=\"" + Num(y - size * 0.3f) + "\" font-size=\"" + Num(size) + "\"" + attrs +
                ">" + EscapeHtml(l) + "</text>\n";
    }
    return y;
}

std::string Description(const Chart& c, const std::string& subtitle) {
    std::string d = subtitle.empty() ? "" : subtitle + ". ";
    if (!c.TypeNote.empty())
        d += c.TypeNote + " ";
    return d + ChartInWords(c) + ".";
}

// The scale above the bars: 0, 25, 50, 75 and 100 %.
void Scale(std::string* svg, float top) {
    for (int pct = 0; pct <= 100; pct += 25) {
        const float x = kBarX + kBarW * float(pct) / 100.0f;
        const char* anchor = pct == 0 ? "start" : pct == 100 ? "end" : "middle";
        *svg += "<text x=\"" + Num(x) + "\" y=\"" + Num(top + kScaleSize) + "\" font-size=\"" + Num(kScaleSize) +
                "\" text-anchor=\"" + anchor + "\" fill=\"" + kMuted + "\">" + std::to_string(pct) + "%</text>\n";
    }
}

// One bar: its frame (the whole, 100 %), the fill for its share, the quarters marked
// inside the frame (never across the words) and its figures beside it.
void BarRow(std::string* svg, float top, double share, const std::string& figure) {
    *svg += "<rect x=\"" + Num(kBarX) + "\" y=\"" + Num(top) + "\" width=\"" + Num(kBarW) + "\" height=\"" + Num(kBarH) +
            "\" fill=\"#ffffff\" stroke=\"#595959\"/>\n";
    for (int pct = 25; pct < 100; pct += 25) {
        const std::string x = Num(kBarX + kBarW * float(pct) / 100.0f);
        *svg += "<line x1=\"" + x + "\" y1=\"" + Num(top) + "\" x2=\"" + x + "\" y2=\"" + Num(top + kBarH) +
                "\" stroke=\"#8c8c8c\" stroke-dasharray=\"3 3\"/>\n";
    }
    if (share > 0)
        *svg += "<rect x=\"" + Num(kBarX) + "\" y=\"" + Num(top) + "\" width=\"" + Num(float(share) * kBarW) +
                "\" height=\"" + Num(kBarH) + "\" fill=\"" + kFill + "\" stroke=\"" + kInk + "\"/>\n";
    *svg += "<text x=\"" + Num(kFigureX) + "\" y=\"" + Num(top + kBarH * 0.5f + kTextSize * 0.35f) + "\" font-size=\"" +
            Num(kTextSize) + "\" font-weight=\"bold\" fill=\"" + kInk + "\">" + EscapeHtml(figure) + "</text>\n";
}

} // namespace

std::string ChartSvg(const Chart& c, const std::string& subtitle) {
    const float text_w = float(kChartWidth) - 2 * kMargin;
    const std::string id = "svg-" + c.Slug;
    std::string body;
    float y = kMargin - 4;
    y = Lines(&body, Wrap(c.Title, kTitleSize, text_w, true), kMargin, y, kTitleSize,
              " font-weight=\"bold\" fill=\"" + std::string(kInk) + "\"");
    y = Lines(&body, Wrap(subtitle, kTextSize, text_w), kMargin, y + 2, kTextSize, " fill=\"" + std::string(kMuted) + "\"");
    if (!c.TypeNote.empty())
        y = Lines(&body, Wrap(c.TypeNote, kScaleSize, text_w), kMargin, y + 2, kScaleSize,
                  " fill=\"" + std::string(kMuted) + "\"");
    const float scale_top = y + 10;
    Scale(&body, scale_top);
    y = scale_top + kScaleSize + 8;
    for (const Bar& b : c.Bars) {
        y = Lines(&body, Wrap(b.Label, kTextSize, text_w), kBarX, y, kTextSize, " fill=\"" + std::string(kInk) + "\"");
        const double share = c.Whole > 0 ? std::clamp(double(b.Count) / double(c.Whole), 0.0, 1.0) : 0.0;
        BarRow(&body, y + 3, share, BarFigure(c, b));
        y += 3 + kBarH + 12;
    }
    const std::string height = Num(y + kMargin - 10);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " + std::to_string(kChartWidth) + " " +
           height + "\" width=\"" + std::to_string(kChartWidth) + "\" height=\"" + height + "\" aria-labelledby=\"" +
           id + "-title " + id + "-desc\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">\n<title id=\"" + id +
           "-title\">" + EscapeHtml(c.Title) + "</title>\n<desc id=\"" + id + "-desc\">" +
           EscapeHtml(Description(c, subtitle)) + "</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n" +
           body + "</svg>\n";
}

std::string ChartSvgFile(const Chart& c, const std::string& subtitle) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + ChartSvg(c, subtitle);
}

} // namespace report
