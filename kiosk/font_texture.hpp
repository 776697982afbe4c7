// The font atlas on the GPU as one byte a pixel, not four (issue 15 item 8).
#pragma once

namespace kiosk {

// Call once after ImGui_ImplOpenGL3_Init and before the fonts are loaded: the backend's
// shaders and buffers, without its RGBA atlas (it would build one of whatever fonts are
// loaded by then, 16 MiB for every language's glyphs).
void PrepareFontBackend();
// Uploads the built atlas as an alpha texture (GL_R8, swizzled to 1,1,1,a: ImGui's
// shader and blending see the same colours as from its RGBA texture); on a GL before
// 3.3, without swizzles, the backend's RGBA texture. Replaces the one made before.
void CreateFontTexture();
void DestroyFontTexture();

} // namespace kiosk
