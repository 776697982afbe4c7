// Writes the current OpenGL back buffer as a PNG (stb_image_write).
#pragma once
#include <string>

namespace kiosk {

bool WriteScreenshotPng(const std::string& path, int width, int height, std::string* error);
// The same PNG as bytes (the summary export writes them itself: temporary name, fsync, rename).
bool CaptureScreenshotPng(int width, int height, std::string* png, std::string* error);

} // namespace kiosk
