'use strict';
// keytar's API, answering as an empty credential store. Only the Forge CLI's login uses it, and the
// offline lint never logs in. Any attempt to store a secret fails loudly instead of pretending.
const refuse = () =>
  Promise.reject(new Error('keytar stand-in: credentials cannot be stored in this project (see tools/keytar-stub)'));
module.exports = {
  getPassword: async () => null,
  findCredentials: async () => [],
  findPassword: async () => null,
  setPassword: refuse,
  deletePassword: async () => false,
};
