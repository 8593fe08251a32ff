/** Loaded before every test file (.mocharc.json). Tests build their own configuration; nothing reads a .env. */
process.env.NODE_ENV = 'test';
