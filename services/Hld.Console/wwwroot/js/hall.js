// The Hall display: the server says on /hall/events when what the Hall shows has changed, and the
// board is fetched again as server-rendered HTML from the same origin (no inline script, CSP).
(() => {
  const board = document.getElementById('hall-board');
  if (!board || !window.EventSource) return;
  const meeting = board.dataset.meeting;
  let shown = Number(board.dataset.version || 0);
  let fetching = false;
  let wanted = shown;

  async function refresh() {
    if (fetching) return;
    fetching = true;
    try {
      while (wanted > shown) {
        const target = wanted;
        const query = new URLSearchParams({ handler: 'Board' });
        if (meeting) query.set('meeting', meeting);
        const response = await fetch('/?' + query.toString(), { credentials: 'same-origin', cache: 'no-store' });
        if (!response.ok) break;
        board.innerHTML = await response.text();
        shown = Math.max(target, Number(board.querySelector('[data-version]')?.dataset.version || target));
        board.dataset.version = String(shown);
      }
    } finally {
      fetching = false;
    }
  }

  function connect() {
    const events = new EventSource('/hall/events?after=' + shown);
    events.addEventListener('changed', (event) => {
      wanted = Math.max(wanted, Number(event.data));
      refresh();
    });
    events.onerror = () => {
      // EventSource reconnects by itself; after= keeps the versions the screen has already shown.
    };
  }

  connect();
})();
