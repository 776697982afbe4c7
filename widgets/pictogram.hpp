// Pictograms drawn with ImDrawList, so they stay sharp at any size. Always shown
// with a word: an answer never depends on a picture or a colour alone.
#pragma once
#include <imgui.h>

namespace widgets {

enum class Pictogram {
    None,
    Smiley1, // very unhappy: frown and slanted brows
    Smiley2,
    Smiley3, // straight mouth
    Smiley4,
    Smiley5, // big smile
    Yes,     // check mark
    No,      // cross
    DontKnow, // question mark
    Adviseren, // speech bubble: advise and speak up
    Aanjagen,  // megaphone: take the lead, set things going
    Verdelen,  // a pie cut in parts: divide and decide
    Speaker,   // a loudspeaker with sound waves: read aloud (speech)
    // The praatplaat's zones (kiosk/screen_praatplaat.cpp).
    People, // three heads: everyone's voice counts
    Eye,    // an eye: openness (transparantie)
    House,  // a house: the wijk's own character (DNA)
    Heart,  // a heart: values
    Hammer, // a hammer: getting things done
    Book,   // an open book: learning together
};

// Draws pict centred in the square box [min, min+size].
void DrawPictogram(ImDrawList* dl, Pictogram pict, ImVec2 min, float size, ImU32 color);

} // namespace widgets
