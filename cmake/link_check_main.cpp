// The program of the link checks in CMakeLists.txt: it does nothing; linking it with a layer's
// whole library is the check.
int main() { return 0; }
