#include "widgets/keyboard.hpp"
#include "widgets/touch.hpp"

#include <algorithm>

namespace widgets {

namespace {

constexpr float kUnits = 11.0f;   // the widest row, in key widths
constexpr float kGap = 14.0f;     // design px between keys (2.5 mm at 96 dpi is 9.4 px)
constexpr float kKeyH = 84.0f;    // design px
constexpr int kRows = 5;
constexpr float kNarrowUnits = 8.0f; // the narrow layout's widest row
constexpr int kNarrowRows = 7;       // its rows (both layers)
constexpr float kCompactUnits = 14.0f; // the compact layout's rows (a low screen with A+)
constexpr int kCompactRows = 4;

// Lower and upper case of every letter on the keys. The accents layer's "ı" gives "İ"
// with shift: the dotless ı and the dotted İ are both Turkish letters, and I and i are
// on the first layer already.
const char* const kCase[][2] = {
    {"é", "É"}, {"è", "È"}, {"ë", "Ë"}, {"ê", "Ê"}, {"á", "Á"}, {"à", "À"}, {"â", "Â"}, {"ä", "Ä"},
    {"ó", "Ó"}, {"ò", "Ò"}, {"ô", "Ô"}, {"ö", "Ö"}, {"ú", "Ú"}, {"ù", "Ù"}, {"û", "Û"}, {"ü", "Ü"},
    {"í", "Í"}, {"ï", "Ï"}, {"î", "Î"}, {"ç", "Ç"}, {"ñ", "Ñ"}, {"ş", "Ş"}, {"ğ", "Ğ"}, {"ı", "İ"},
    {"ą", "Ą"}, {"ć", "Ć"}, {"ę", "Ę"}, {"ł", "Ł"}, {"ń", "Ń"}, {"ś", "Ś"}, {"ź", "Ź"}, {"ż", "Ż"},
};

std::string Upper(const std::string& c) {
    if (c.size() == 1 && c[0] >= 'a' && c[0] <= 'z')
        return std::string(1, char(c[0] - 'a' + 'A'));
    for (const auto& pair : kCase)
        if (c == pair[0])
            return pair[1];
    return c;
}

// The character keys per row; the special keys are added around them when drawn.
const std::vector<std::vector<std::string>>& Layer(bool accents) {
    static const std::vector<std::vector<std::string>> letters = {
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-"},
        {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "@"},
        {"a", "s", "d", "f", "g", "h", "j", "k", "l", "'", ":"},
        {"z", "x", "c", "v", "b", "n", "m"},
        {",", ".", "?", "!"},
    };
    static const std::vector<std::vector<std::string>> accented = {
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-"},
        {"é", "è", "ë", "ê", "á", "à", "â", "ä", "ó", "ò"},
        {"ô", "ö", "ú", "ù", "û", "ü", "í", "ï", "î", "ç"},
        {"ñ", "ş", "ğ", "ı", "ą", "ć", "ę"},
        {"ł", "ń", "ś", "ź", "ż"},
    };
    return accents ? accented : letters;
}

struct Key {
    std::string Id, Label;
    KeyKind Kind;
    std::string Text;
    float Units;
};

std::vector<std::vector<Key>> Keys(bool shift, bool accents, const KeyboardLabels& labels) {
    std::vector<std::vector<Key>> rows;
    const auto& layer = Layer(accents);
    for (size_t r = 0; r < layer.size(); r++) {
        std::vector<Key> row;
        auto chars = [&](size_t from, size_t to) {
            for (size_t i = from; i < to && i < layer[r].size(); i++) {
                std::string c = shift ? Upper(layer[r][i]) : layer[r][i];
                row.push_back({"key-" + c, c, KeyKind::Insert, c, 1.0f});
            }
        };
        if (r == 3) {
            row.push_back({"key-shift", std::string(labels.Shift), KeyKind::Shift, {}, 2.0f});
            chars(0, layer[r].size());
            row.push_back({"key-backspace", std::string(labels.Backspace), KeyKind::Backspace, {}, 2.0f});
        } else if (r == 4) {
            row.push_back({"key-layer", std::string(accents ? labels.Letters : labels.Accents), KeyKind::Layer, {},
                           2.0f});
            chars(0, accents ? 3 : 2);
            row.push_back({"key-space", std::string(labels.Space), KeyKind::Insert, " ", accents ? 2.0f : 3.0f});
            chars(accents ? 3 : 2, layer[r].size());
            row.push_back({"key-done", std::string(labels.Done), KeyKind::Done, {}, 2.0f});
        } else {
            chars(0, layer[r].size());
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// The narrow layout (a portrait tablet, where 11 keys a row cannot each be 11.5 mm): the
// same keys in the same order, kNarrowUnits a row, more rows; shift and backspace after
// the last characters, then a row of the layer key, space and "klaar".
std::vector<std::vector<Key>> NarrowKeys(bool shift, bool accents, const KeyboardLabels& labels) {
    std::vector<std::vector<Key>> rows(1);
    for (const auto& row : Layer(accents))
        for (const std::string& raw : row) {
            if (rows.back().size() == size_t(kNarrowUnits))
                rows.emplace_back();
            const std::string c = shift ? Upper(raw) : raw;
            rows.back().push_back({"key-" + c, c, KeyKind::Insert, c, 1.0f});
        }
    if (rows.back().size() + 4 > size_t(kNarrowUnits))
        rows.emplace_back();
    rows.back().push_back({"key-shift", std::string(labels.Shift), KeyKind::Shift, {}, 2.0f});
    rows.back().push_back({"key-backspace", std::string(labels.Backspace), KeyKind::Backspace, {}, 2.0f});
    rows.push_back({{"key-layer", std::string(accents ? labels.Letters : labels.Accents), KeyKind::Layer, {}, 2.0f},
                    {"key-space", std::string(labels.Space), KeyKind::Insert, " ", kNarrowUnits - 4.0f},
                    {"key-done", std::string(labels.Done), KeyKind::Done, {}, 2.0f}});
    return rows;
}

// The compact layout (a low screen, where five rows of 11.5 mm keys leave no room above
// them): the same keys in four rows of 14 units. Backspace after the digits, the short
// punctuation row after the letter rows, shift before the middle row, and the layer key,
// space and "klaar" around the bottom letters.
std::vector<std::vector<Key>> CompactKeys(bool shift, bool accents, const KeyboardLabels& labels) {
    const auto& layer = Layer(accents);
    auto key = [&](const std::string& raw) {
        const std::string c = shift ? Upper(raw) : raw;
        return Key{"key-" + c, c, KeyKind::Insert, c, 1.0f};
    };
    std::vector<std::vector<Key>> rows(4);
    for (const std::string& c : layer[0])
        rows[0].push_back(key(c));
    rows[0].push_back({"key-backspace", std::string(labels.Backspace), KeyKind::Backspace, {}, 2.0f});
    rows[2].push_back({"key-shift", std::string(labels.Shift), KeyKind::Shift, {}, 2.0f});
    for (const std::string& c : layer[1])
        rows[1].push_back(key(c));
    for (const std::string& c : layer[2])
        rows[2].push_back(key(c));
    for (const std::string& c : layer[4]) // the last row's characters where the rows have room
        rows[rows[1].size() < size_t(kCompactUnits) ? 1 : 2].push_back(key(c));
    rows[3].push_back({"key-layer", std::string(accents ? labels.Letters : labels.Accents), KeyKind::Layer, {}, 2.0f});
    for (const std::string& c : layer[3])
        rows[3].push_back(key(c));
    rows[3].push_back({"key-space", std::string(labels.Space), KeyKind::Insert, " ", 3.0f});
    rows[3].push_back({"key-done", std::string(labels.Done), KeyKind::Done, {}, 2.0f});
    return rows;
}

} // namespace

std::vector<std::vector<std::string>> KeyboardRows(bool accents, bool shift) {
    std::vector<std::vector<std::string>> out;
    for (const auto& row : Layer(accents)) {
        out.emplace_back();
        for (const std::string& c : row)
            out.back().push_back(shift ? Upper(c) : c);
    }
    return out;
}

// Keys stay 2.5 mm apart at the screen's real DPI, not only at 96 dpi.
float Gap(const Theme& t) { return std::max(t.Px(kGap), t.MinSpacingPx() + 1.0f); }

namespace {
// The narrow layout where 11 keys a row would be under 11.5 mm each.
bool Narrow(const Theme& t, float width) {
    return (width - Gap(t) * (kUnits - 1)) / kUnits < t.MinTargetPx() + 1.0f;
}
// The compact layout where five rows of keys at 11.5 mm would be higher than max_h and
// 14 keys a row are still 11.5 mm wide.
bool Compact(const Theme& t, float width, float max_h) {
    const float key = t.MinTargetPx() + 1.0f;
    return max_h > 0 && !Narrow(t, width) && key * float(kRows) + Gap(t) * float(kRows - 1) > max_h &&
           (width - Gap(t) * (kCompactUnits - 1)) / kCompactUnits >= key;
}
float Units(const Theme& t, float width, float max_h) {
    return Narrow(t, width) ? kNarrowUnits : Compact(t, width, max_h) ? kCompactUnits : kUnits;
}
int Rows(const Theme& t, float width, float max_h) {
    return Narrow(t, width) ? kNarrowRows : Compact(t, width, max_h) ? kCompactRows : kRows;
}

// Keys as high as they are wide, at most kKeyH, lower when the keyboard must fit max_h,
// never under 11.5 mm.
float KeyHeight(const Theme& t, float unit, float max_h, int rows) {
    float key_h = std::min(t.Px(kKeyH), unit);
    if (max_h > 0)
        key_h = std::min(key_h, (max_h - Gap(t) * float(rows - 1)) / float(rows));
    return std::max(key_h, t.MinTargetPx() + 1.0f);
}
} // namespace

float KeyboardHeight(const Theme& t, float width, float max_h) {
    const float units = Units(t, width, max_h);
    const float unit = (width - Gap(t) * (units - 1)) / units;
    const int rows = Rows(t, width, max_h);
    return KeyHeight(t, unit, max_h, rows) * float(rows) + Gap(t) * float(rows - 1);
}

KeyPress Keyboard(const Theme& theme, ImVec2 pos, float width, bool shift, bool accents, const KeyboardLabels& labels,
                  float max_h) {
    // A Latin keyboard keeps its own order on an Arabic screen; only its place mirrors.
    Theme t = theme;
    t.Rtl = false;
    pos.x = theme.X(pos.x, width);
    KeyPress press;
    const float gap = Gap(t);
    const float units_wide = Units(t, width, max_h);
    const float unit = (width - gap * (units_wide - 1)) / units_wide;
    const float key_h = KeyHeight(t, unit, max_h, Rows(t, width, max_h));
    float y = pos.y;
    const std::vector<std::vector<Key>> rows = Narrow(t, width)            ? NarrowKeys(shift, accents, labels)
                                               : Compact(t, width, max_h) ? CompactKeys(shift, accents, labels)
                                                                          : Keys(shift, accents, labels);
    for (const std::vector<Key>& row : rows) {
        float units = 0;
        for (const Key& k : row)
            units += k.Units;
        float row_w = units * unit + gap * (units - 1);
        float x = pos.x + (width - row_w) * 0.5f;
        for (const Key& k : row) {
            float w = k.Units * unit + gap * (k.Units - 1);
            bool on = k.Kind == KeyKind::Shift && shift; // the layer key says where it goes instead
            ButtonKind kind = k.Kind == KeyKind::Done ? ButtonKind::Primary
                              : k.Kind == KeyKind::Insert && k.Text != " " ? ButtonKind::Card
                                                                           : ButtonKind::Quiet;
            if (TouchButton(t, k.Id, k.Label, ImVec2(x, y), ImVec2(w, key_h), kind, Pictogram::None, on)) {
                press.Kind = k.Kind;
                press.Text = k.Text;
            }
            x += w + gap;
        }
        y += key_h + gap;
    }
    return press;
}

} // namespace widgets
