int fix_open(void);
int fix_reset(void);
