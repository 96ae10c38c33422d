// The tab's API: every call carries the Teams SSO token (or none in development mode); refusals become messages.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const messages = {
  401: 'Your sign-in could not be checked. Close the register and open it from Teams again.',
  403: 'You do not have access to this part of the register.',
  404: 'There is no such partnership in the register you can see.',
};

export class Api {
  /** getToken: () => Promise<string|null>. */
  constructor(getToken) {
    this.getToken = getToken;
  }

  async fetch(path, method = 'GET') {
    let token;
    try {
      token = await this.getToken();
    } catch {
      // Teams could not get an SSO token (consent, network, the app's sign-on set up wrongly): no request is made.
      throw new ApiError(401, 'Teams could not sign you in to the register. Close the register and open it again; if this keeps happening, ask IT to check the app\'s single sign-on.');
    }
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    let response;
    try {
      response = await fetch(`/api/tab${path}`, { method, headers, credentials: 'omit', cache: 'no-store' });
    } catch {
      throw new ApiError(0, 'The register could not be reached. Check your connection and try again.');
    }

    if (!response.ok) {
      let message = messages[response.status] ?? 'Something went wrong reading the register. Try again in a moment.';
      try {
        const body = await response.json();
        if (typeof body.error === 'string' && body.error.length > 0) message = body.error;
      } catch {
        // Not JSON (e.g. a refused token gets an empty 401): the general message stands.
      }
      throw new ApiError(response.status, message);
    }
    return response;
  }

  async json(path) {
    return (await this.fetch(path)).json();
  }

  /** A POST without a body (an action such as minting a download link), answered with JSON. */
  async post(path) {
    return (await this.fetch(path, 'POST')).json();
  }

  /** A blob: URL for an image or a file the API sends (an <img> or a link cannot carry the token itself). */
  async blobUrl(path) {
    return URL.createObjectURL(await (await this.fetch(path)).blob());
  }
}
