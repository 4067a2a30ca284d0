// Stands in for the stylesheets Atlaskit components import (see jest.config.js).
module.exports = {};
