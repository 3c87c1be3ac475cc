/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fixture for test_elf_reader: an executable whose .dynsym defines a copy
 * of libc's stdout (a copy relocation, versioned by .gnu.version_r). The
 * copy is libc's symbol, not an export of this program.
 */
#include <stdio.h>

int main(void)
{
	return fputs("", stdout) < 0;
}
