/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fixture for test_elf_reader: no version script, no soname. */

long plain_table[8];

int plain_call(void)
{
	return (int)plain_table[0];
}
